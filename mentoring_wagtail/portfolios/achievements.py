"""Mentees' results on a portfolio, as numbers only.

A portfolio is public; mentees are often minors. So it shows how many people
the mentor worked with and what came of it, and never who: no mentee's name,
class or group leaves this module.
"""

from django.db.models import Count, Q

from mentoring_wagtail.participants.choices import GroupStatus
from mentoring_wagtail.participants.models import MentoringGroup


def mentee_counts(mentor):
    """``{"mentees", "groups", "finished_groups", "tasks_done"}`` in one query."""
    counts = MentoringGroup.objects.filter(mentor=mentor).aggregate(
        mentees=Count("memberships__mentee", distinct=True),
        groups=Count("pk", distinct=True),
        finished_groups=Count(
            "pk", filter=Q(status=GroupStatus.FINISHED), distinct=True
        ),
        tasks_done=Count("plan_tasks", filter=Q(plan_tasks__done=True), distinct=True),
    )
    return {key: value or 0 for key, value in counts.items()}

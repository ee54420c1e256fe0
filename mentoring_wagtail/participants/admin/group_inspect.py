"""A group's card: its fields, then its members, plan and meetings together.

Each part is one query (prefetches), whatever the size of the group; the plan
and the meetings are filtered by the same policy that guards their own
listings, so a mentor sees them for their own groups only and a secretary
never sees meeting notes.
"""

from django.utils.functional import cached_property

from .. import models
from ..permissions import get_policy
from ..prefetches import visible_people_prefetch
from .scoped import ScopedInspectView
from .viewsets_support import (
    may_read_member_names,
    member_count_label,
)

READ = ["view", "change"]


def _allowed(model, user, queryset):
    policy = get_policy(model)
    if not policy.user_has_any_permission(user, READ):
        return None
    seen = policy.instances_user_has_any_permission_for(user, READ)
    return queryset.filter(pk__in=seen.values("pk"))


class GroupInspectView(ScopedInspectView):
    template_name = "mentoring_wagtail/participants/group_inspect.html"

    @cached_property
    def members(self):
        group = (
            models.MentoringGroup.objects.filter(pk=self.object.pk)
            .prefetch_related(
                visible_people_prefetch("memberships", "visible_memberships")
            )
            .get()
        )
        return [m.mentee.person for m in group.visible_memberships]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        tasks = _allowed(
            models.GroupPlanTask,
            user,
            self.object.plan_tasks.order_by("sort_order", "pk"),
        )
        meetings = _allowed(
            models.Meeting,
            user,
            self.object.meetings.prefetch_related(
                visible_people_prefetch("attendees", "visible_attendees")
            ),
        )
        names = may_read_member_names(user)
        context.update(
            members=self.members if names else None,
            member_count=member_count_label(len(self.members)),
            plan_tasks=None if tasks is None else list(tasks),
            meetings=None if meetings is None else list(meetings),
        )
        return context

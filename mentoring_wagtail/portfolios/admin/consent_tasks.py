"""The mentor's way out of «you cannot keep a portfolio», and the curator's task.

A mentor without a recorded consent to the publication of their name and
photo cannot keep a portfolio (``eligibility.keeps_editing_right``). The
dashboard offered «Создать моё портфолио» anyway and the next page refused.
Now the mentor is offered only what can be done, told what is missing and
who fixes it; the curators see the same mentors as a task on their
dashboard, with a link to record the consent.
"""

from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from mentoring_wagtail.participants.choices import MentorStatus
from mentoring_wagtail.participants.models import Mentor, Person, PersonalDataConsent
from mentoring_wagtail.participants.models.people import _valid_processing_consents

LIMIT = 20


def what_is_missing(mentor):
    """``""`` when the mentor may keep a portfolio, else what to do and who does it."""
    person = mentor.person
    if person.erased_at:
        return _("Your personal data has been erased: a portfolio cannot be kept.")
    if mentor.status == MentorStatus.INACTIVE:
        return _(
            "You are listed as having left the programme. If you are back, ask "
            "the curator to change your status."
        )
    if not person.has_publication_consent:
        return _(
            "Your consent to the publication of your name and photo is not "
            "recorded. Sign it and hand it to the curator: the curator records "
            "it (they see your request on their dashboard), then you can create "
            "your portfolio here."
        )
    return ""


def mentors_awaiting_consent(user):
    """Mentors with a site user who cannot keep a portfolio for want of the
    publication consent, among the people ``user`` may change."""
    policy = policy_registry.get_by_type(Person)
    if not policy.user_has_permission(user, "change"):
        return []
    people = policy.instances_user_has_any_permission_for(user, ["change"])
    consent = _valid_processing_consents().filter(
        person=OuterRef("person_id"), covers_publication=True
    )
    return list(
        Mentor.objects.filter(
            person__in=people,
            person__user__isnull=False,
            person__erased_at__isnull=True,
        )
        .exclude(status=MentorStatus.INACTIVE)
        .exclude(Exists(consent))
        .select_related("person")
        .order_by("person__last_name", "person__first_name")[:LIMIT]
    )


def consent_add_url():
    try:
        return reverse("mentoring_consents:add")
    except NoReverseMatch:
        return None


class ConsentTasksPanel(Component):
    name = "mentoring_portfolio_consent_tasks"
    order = 85
    template_name = "mentoring_portfolios/admin/consent_tasks_panel.html"

    def __init__(self, mentors, user):
        self.mentors = mentors
        self.may_add = policy_registry.get_by_type(
            PersonalDataConsent
        ).user_has_permission(user, "add")

    def get_context_data(self, parent_context=None):
        return {
            "mentors": self.mentors,
            "add_url": consent_add_url() if self.may_add else None,
        }


def add_consent_tasks_panel(request, panels):
    mentors = mentors_awaiting_consent(request.user)
    if mentors:
        panels.append(ConsentTasksPanel(mentors, request.user))

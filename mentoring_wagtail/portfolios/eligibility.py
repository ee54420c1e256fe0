"""Who may have a public portfolio and who keeps the right to edit it.

One place for both rules, used by serving, the index, the publish check, the
signals and the rights:

- *publishable*: an approved mentor, not erased, with a valid consent that
  covers publication of their name and photo;
- *keeps the editing right*: a mentor who has not left (status not inactive),
  not erased, linked to a site user, with that publication consent.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from mentoring_wagtail.participants.choices import MentorStatus
from mentoring_wagtail.participants.models.people import _valid_processing_consents


def publishable_mentor_q(prefix="mentor__"):
    """A ``Q`` over a queryset reaching the mentor through ``prefix``.

    The consent rule is the participants app's own (the same queryset that
    ``Person.objects.with_publication_consent`` uses), correlated directly on
    the mentor's person: one ``EXISTS`` instead of a nested ``IN``.
    """
    consent = _valid_processing_consents().filter(
        person=OuterRef(f"{prefix}person_id"), covers_publication=True
    )
    return Q(
        Exists(consent),
        **{
            f"{prefix}status": MentorStatus.APPROVED,
            f"{prefix}person__erased_at__isnull": True,
        },
    )


def is_publishable(mentor):
    if mentor is None:
        return False
    person = mentor.person
    return (
        mentor.status == MentorStatus.APPROVED
        and not person.erased_at
        and person.has_publication_consent
    )


def why_not_publishable(mentor):
    """A sentence for the editor, or ``""`` when the portfolio may go public."""
    if mentor is None:
        return _("Choose the mentor this portfolio belongs to.")
    if mentor.person.erased_at:
        return _("The mentor's personal data has been erased.")
    if not mentor.person.has_publication_consent:
        return _(
            "The mentor has no valid consent to the publication of their name "
            "and photo: the portfolio cannot be published."
        )
    if mentor.status != MentorStatus.APPROVED:
        return _(
            "Only an approved mentor's portfolio is published (status: %(status)s)."
        ) % {"status": mentor.get_status_display()}
    return ""


def keeps_editing_right(mentor):
    if mentor is None:
        return False
    person = mentor.person
    return bool(
        person.user_id
        and mentor.status != MentorStatus.INACTIVE
        and not person.erased_at
        and person.has_publication_consent
    )

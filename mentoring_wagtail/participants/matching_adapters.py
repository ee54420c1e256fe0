"""From the bases to the matching module's profiles, in a fixed number of queries.

``matching`` is imported when used, so the app loads while that module is
being written in parallel (it is merged from its own branch).

``matching.py`` (pure functions, no ORM) ranks and assigns; this module reads
the approved, visible mentors with their remaining capacity and forms, and
the mentees, in a handful of queries whatever the size of the bases.
"""

from django.db.models import Count, Q

from .choices import OPEN_STATUSES, MentorStatus
from .matching import MenteeProfile, MentorProfile, keywords
from .models import Mentee, Mentor
from .models.people import only_visible, only_with_valid_consent


def _slots(value):
    return frozenset(str(code) for code in (value or []))


def mentor_profile(mentor, load=None):
    """``load``: mentees the mentor has now (annotated as ``current_load``)."""
    load = getattr(mentor, "current_load", 0) if load is None else load
    preferred_age = None
    if mentor.preferred_age_min is not None or mentor.preferred_age_max is not None:
        preferred_age = (mentor.preferred_age_min or 0, mentor.preferred_age_max or 200)
    return MentorProfile(
        id=mentor.pk,
        competencies=keywords(f"{mentor.competencies}\n{mentor.subject_area}"),
        interests=keywords(mentor.interests),
        subject_area=mentor.subject_area,
        preferred_age=preferred_age,
        free_time=_slots(mentor.free_time),
        forms=frozenset(form.code for form in mentor.forms.all()),
        capacity_left=max(0, mentor.capacity - load),
    )


def mentee_profile(mentee):
    form = mentee.preferred_form
    return MenteeProfile(
        id=mentee.pk,
        request_kind=mentee.request_kind,
        request_keywords=keywords(mentee.request_text),
        interests=keywords(mentee.interests),
        age=mentee.person.age(),
        free_time=_slots(mentee.free_time),
        form=form.code if form is not None else None,
    )


def available_mentors(site=None):
    """Approved mentors with a valid consent, visible, with their current load."""
    mentors = Mentor.objects.filter(status=MentorStatus.APPROVED)
    if site is not None:
        mentors = mentors.filter(person__site=site)
    mentors = only_with_valid_consent(only_visible(mentors, "person__"), "person__")
    return (
        mentors.select_related("person")
        .prefetch_related("forms")
        .annotate(
            current_load=Count(
                "groups__memberships",
                filter=Q(
                    groups__status__in=OPEN_STATUSES,
                    groups__memberships__left_on__isnull=True,
                ),
            )
        )
    )


def mentor_profiles(site=None):
    mentors = list(available_mentors(site))
    return {m.pk: m for m in mentors}, [mentor_profile(m) for m in mentors]


def mentees_for_matching(site=None):
    """Visible mentees with a valid consent who are in no open group."""
    mentees = Mentee.objects.all()
    if site is not None:
        mentees = mentees.filter(person__site=site)
    mentees = only_with_valid_consent(only_visible(mentees, "person__"), "person__")
    return mentees.exclude(memberships__group__status__in=OPEN_STATUSES).select_related(
        "person", "preferred_form"
    )

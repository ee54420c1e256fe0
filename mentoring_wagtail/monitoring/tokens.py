"""Single-use links: a random token handed out once, only its hash kept."""

import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import transaction

from mentoring_wagtail.participants.models import GroupMembership, MentoringGroup

from .choices import Audience, Role
from .models import ResponseToken
from .token_hash import hash_token

TOKEN_BYTES = 24


PLACEHOLDER_HOSTS = {"localhost", "127.0.0.1", "::1"}


@dataclass
class IssuedLink:
    token: str
    group: MentoringGroup
    role: str
    person: (
        object | None
    )  # who to hand it to; shown once, kept only if the questionnaire keeps names
    label: str

    def url(self, questionnaire, request=None):
        base = questionnaire.get_full_url(request) or questionnaire.url
        if request is not None and urlsplit(base).hostname in PLACEHOLDER_HOSTS:
            # The site record still says «localhost» (a fresh install, the
            # demo): a printed link must reach the school's real address,
            # the one the curator is using.
            base = request.build_absolute_uri(questionnaire.get_url(request))
        return f"{base}?k={self.token}"


def _recipients(group, audience, memberships):
    if audience == Audience.MENTORS:
        yield Role.MENTOR, group.mentor.person, str(group.mentor.person)
    elif audience == Audience.CURATORS:
        yield Role.CURATOR, None, str(group)
    else:
        role = Role.MENTEE if audience == Audience.MENTEES else Role.PARENT
        for membership in memberships.get(group.pk, []):
            person = membership.mentee.person
            yield role, person, str(person)


@transaction.atomic
def issue_links(questionnaire, groups):
    """One link per participant of the audience in each group.

    The groups must be of the questionnaire's own school: a link is the
    school's, and an answer through it counts in that school's indicators.
    """
    groups = list(groups)
    site = questionnaire.get_site()
    if site is None or any(group.site_id != site.pk for group in groups):
        raise ValueError("Links are issued to the questionnaire's own school only.")
    memberships = {}
    for membership in GroupMembership.objects.filter(
        group__in=groups, left_on__isnull=True
    ).select_related("mentee__person"):
        memberships.setdefault(membership.group_id, []).append(membership)
    issued, rows = [], []
    for group in groups:
        for role, person, label in _recipients(
            group, questionnaire.audience, memberships
        ):
            token = secrets.token_urlsafe(TOKEN_BYTES)
            rows.append(
                ResponseToken(
                    site=site,
                    questionnaire=questionnaire,
                    token_hash=hash_token(token),
                    group=group,
                    role=role,
                    respondent_kind=person.kind if person else "",
                    person=person if questionnaire.stores_names else None,
                )
            )
            issued.append(IssuedLink(token, group, role, person, label))
    ResponseToken.objects.bulk_create(rows)
    return issued

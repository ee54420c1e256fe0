"""Mentors, their portfolios and the roles, for the portfolio tests."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from tests.module_state import (
    add_mentoring_section,
    fresh,
    module_db_state,
    start_from,
)


@pytest.fixture
def roles(db, mentoring_section):
    from mentoring_wagtail.setup.steps import run_setup

    run_setup()  # groups, workflows, the photos collection; after the section
    return mentoring_section


def section_and_roles():
    from mentoring_wagtail.setup.steps import run_setup

    section = add_mentoring_section()
    run_setup()
    return section


# ``roles`` built once for a module (tests/module_state.py): a module whose
# database tests all start from the roles (or read no rows) overrides
# ``roles`` and ``mentoring_section`` with ``roles_once``.
_roles_once = module_db_state(section_and_roles)


@pytest.fixture
def roles_once(_roles_once, db, media_root):
    """The section and the roles, from the module's one ``run_setup``."""
    return fresh(start_from(_roles_once, media_root))


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


def make_user(username, role=None, **extra):
    from mentoring_wagtail.access.staff_roles import get_role

    user = get_user_model().objects.create_user(
        username=username, password="pw", email=f"{username}@school.example", **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=get_role(role).name))
    return user


@pytest.fixture
def make_mentor(site):
    from mentoring_wagtail.participants.models import (
        Mentor,
        MentorStatus,
        Person,
        PersonalDataConsent,
    )

    def make(
        last_name,
        first_name="Анна",
        *,
        username=None,
        publication=True,
        status=MentorStatus.APPROVED,
        subject="Математика",
    ):
        user = make_user(username, role="mentor") if username else None
        person = Person.objects.create(
            site=site,
            kind="teacher",
            last_name=last_name,
            first_name=first_name,
            patronymic="Ивановна",
            position="учитель",
            user=user,
        )
        PersonalDataConsent.objects.create(
            person=person,
            given_on=timezone.localdate() - datetime.timedelta(days=10),
            covers_processing=True,
            covers_publication=publication,
        )
        return Mentor.objects.create(
            person=person, status=status, subject_area=subject, experience_years=12
        )

    return make


@pytest.fixture
def mentor_index(roles):
    from mentoring_wagtail.portfolios.models import MentorIndexPage

    return roles.add_child(
        instance=MentorIndexPage(title="Наши наставники", slug="mentors")
    )


@pytest.fixture
def make_portfolio(mentor_index):
    from mentoring_wagtail.portfolios.models import MentorPortfolioPage

    def make(mentor, *, publish=True, **fields):
        fields.setdefault("subject", mentor.subject_area)
        fields.setdefault("biography", "<p>Люблю свой предмет.</p>")
        page = mentor_index.add_child(
            instance=MentorPortfolioPage(
                title=mentor.person.full_name,
                slug=f"mentor-{mentor.pk}",
                mentor=mentor,
                live=False,
                **fields,
            )
        )
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        return page

    return make


@pytest.fixture
def curator(roles):
    return make_user("curator", role="curator")

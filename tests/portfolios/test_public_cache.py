"""The cached listing and portfolio bodies never outlive what they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentoring_wagtail.participants.models import MentoringForm, MentorStatus
from mentoring_wagtail.portfolios.models import Award
from mentoring_wagtail.portfolios.public_cache import VERSION_KEY, current_version

pytestmark = pytest.mark.django_db


# The section and the roles are built once for this module (conftest.py).
@pytest.fixture
def roles(roles_once):
    return roles_once


@pytest.fixture
def mentoring_section(roles_once):
    return roles_once


FILTER = {"form": "teacher-student"}


def get(client, url, params=None):
    """The page's HTML and how many queries it cost."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    return response, len(captured)


@pytest.fixture
def cache_on(settings):
    settings.MENTORING_WAGTAIL_PORTFOLIOS_CACHE_TIMEOUT = 600
    # The bodies' own cache, not the whole pages' (tests/public/test_page_cache.py).
    settings.MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT = 0


@pytest.fixture
def listed(cache_on, make_mentor, make_portfolio):
    mentor = make_mentor("Смирнова", username="smirnova")
    mentor.forms.set(MentoringForm.objects.filter(code="teacher-student"))
    return make_portfolio(mentor)


def test_the_listing_is_served_from_the_cache(client, listed, mentor_index):
    client.get(mentor_index.url)  # site root paths, settings
    first, first_queries = get(client, mentor_index.url, FILTER)
    again, again_queries = get(client, mentor_index.url, FILTER)
    assert "Смирнова" in again.content.decode()
    assert again.content == first.content
    assert again_queries < first_queries


def test_a_withdrawn_consent_leaves_the_cached_listing_and_page_at_once(
    client, listed, mentor_index
):
    client.get(mentor_index.url, FILTER)
    assert "Смирнова" in client.get(mentor_index.url, FILTER).content.decode()
    assert client.get(listed.url).status_code == 200

    consent = listed.mentor.person.consents.get()
    consent.withdrawn_on = timezone.localdate()
    consent.save()

    assert "Смирнова" not in client.get(mentor_index.url, FILTER).content.decode()
    assert "Смирнова" not in client.get(mentor_index.url).content.decode()
    assert client.get(listed.url).status_code == 404


def test_a_mentor_leaving_leaves_the_cached_listing(client, listed, mentor_index):
    client.get(mentor_index.url)
    assert "Смирнова" in client.get(mentor_index.url).content.decode()
    mentor = listed.mentor
    mentor.status = MentorStatus.INACTIVE
    mentor.save()
    assert "Смирнова" not in client.get(mentor_index.url).content.decode()


def test_forms_of_mentoring_changes_reach_the_cached_listing(
    client, listed, mentor_index
):
    client.get(mentor_index.url, FILTER)
    html = client.get(mentor_index.url, FILTER).content.decode()
    assert "Смирнова" in html

    form = MentoringForm.objects.get(code="teacher-student")
    form.name = "Учитель — ученик (переименовано)"
    form.save()
    assert "(переименовано)" in client.get(mentor_index.url, FILTER).content.decode()

    listed.mentor.forms.clear()
    assert "Смирнова" not in client.get(mentor_index.url, FILTER).content.decode()


def test_an_award_reaches_the_cached_portfolio(client, listed):
    assert "Лучший наставник" not in client.get(listed.url).content.decode()
    Award.objects.create(mentor=listed.mentor, title="Лучший наставник", year=2025)
    assert "Лучший наставник" in client.get(listed.url).content.decode()


def test_cached_pages_cost_the_same_queries_for_few_and_many(
    client, cache_on, make_mentor, make_portfolio, mentor_index
):
    def add(count, start):
        for number in range(start, start + count):
            mentor = make_mentor(f"Наставник{number:04d}")
            mentor.forms.set(MentoringForm.objects.all()[:2])
            make_portfolio(mentor)

    def cached_queries():
        client.get(mentor_index.url, FILTER)  # fills the cache
        return get(client, mentor_index.url, FILTER)[1]

    add(3, 0)
    few = cached_queries()
    add(30, 3)  # more than a page of the listing
    assert cached_queries() == few


def test_an_evicted_version_restarts_above_every_old_one(cache_on):
    from django.core.cache import cache

    before = current_version()
    cache.delete(VERSION_KEY)
    assert current_version() > before


def test_with_the_cache_off_every_request_renders(
    client, settings, listed, mentor_index
):
    settings.MENTORING_WAGTAIL_PORTFOLIOS_CACHE_TIMEOUT = 0
    settings.MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT = 0
    client.get(mentor_index.url)
    first = get(client, mentor_index.url)[1]
    assert get(client, mentor_index.url)[1] == first


def test_mentees_numbers_on_the_cached_portfolio_follow_the_groups(
    client, listed, site
):
    from mentoring_wagtail.participants.models import (
        GroupMembership,
        Mentee,
        MentoringGroup,
        Person,
    )

    from .test_index_and_achievements import count_shown

    assert count_shown(client.get(listed.url).content.decode(), "mentees") == 0
    group = MentoringGroup.objects.create(
        site=site,
        mentor=listed.mentor,
        form=MentoringForm.objects.get(code="teacher-student"),
        academic_year="2025/2026",
    )
    person = Person.objects.create(
        site=site, kind="student", last_name="Тайнова", first_name="Юлия"
    )
    GroupMembership.objects.create(
        group=group, mentee=Mentee.objects.create(person=person)
    )
    html = client.get(listed.url).content.decode()
    assert count_shown(html, "mentees") == 1
    assert count_shown(html, "finished_groups") == 0
    group.status = "finished"
    group.save()
    html = client.get(listed.url).content.decode()
    assert count_shown(html, "finished_groups") == 1

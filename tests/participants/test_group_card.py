"""The group's card shows members, plan and meetings together, in flat queries.

The plan and meetings follow the rights of their own listings: the mentor
sees them on their own group's card, a secretary sees who is in the group
but no task or meeting note.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring_wagtail.participants.models import GroupPlanTask, Meeting
from tests.approvals_support import login, setup_roles

from .support import TODAY, make_group, make_mentee, make_mentor

pytestmark = pytest.mark.django_db


def fill(group, n):
    mentees = [m.person for m in group.mentees.all()]
    for i in range(n):
        GroupPlanTask.objects.create(
            group=group, title=f"Задача №{i}", deadline="до 1 мая"
        )
        meeting = Meeting.objects.create(group=group, date=TODAY, notes=f"Заметка №{i}")
        meeting.attendees.set(mentees)


@pytest.fixture
def world(mentoring_section):
    users = setup_roles()
    small = make_group(
        make_mentor(last_name="Малова", user=users["mentor"], capacity=5),
        mentees=[make_mentee(last_name="Единицына")],
    )
    fill(small, 1)
    big = make_group(
        make_mentor(last_name="Большова", capacity=5),
        mentees=[make_mentee(last_name=f"Многова{i}") for i in range(5)],
    )
    fill(big, 8)
    return users, small, big


def card(client, group):
    return client.get(reverse("mentoring_groups:inspect", args=[group.pk]))


def test_the_card_shows_members_plan_and_meetings_in_flat_queries(client, world):
    users, small, big = world
    login(client, users["curator"])
    html = card(client, big).text
    assert "Многова4" in html and "Задача №7" in html and "Заметка №7" in html
    counts = []
    for group in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert card(client, group).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_mentor_sees_their_own_card_and_a_secretary_no_notes(client, world):
    users, small, big = world
    login(client, users["mentor"])
    html = card(client, small).text
    assert "Единицына" in html and "Задача №0" in html and "Заметка №0" in html
    assert card(client, big).status_code in (302, 403, 404)

    login(client, users["secretary"])
    html = card(client, big).text
    assert "Многова4" in html
    assert "Заметка" not in html and "Задача" not in html

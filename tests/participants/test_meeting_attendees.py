"""A meeting's attendees come from its group (issue 25, item 6)."""

import re

import pytest
from django.urls import reverse

from mentoring_wagtail.participants.models import Meeting
from tests.monitoring.support import (
    make_group,
    make_mentee,
    make_mentor,
    site_and_section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_and_outsider():
    site, _section = site_and_section()
    mentor = make_mentor(site, "teacher", 1, 1980)
    pupils = [make_mentee(site, "student", i, 2010) for i in range(2)]
    group = make_group(site, mentor, pupils, "teacher-student")
    outsider = make_mentee(site, "student", 7, 2011)
    return group, mentor, pupils, outsider


def test_an_existing_meeting_offers_only_the_groups_people(
    admin_client, group_and_outsider
):
    group, mentor, pupils, outsider = group_and_outsider
    meeting = Meeting.objects.create(group=group, date="2025-10-01")
    response = admin_client.get(reverse("mentoring_meetings:edit", args=[meeting.pk]))
    offered = set(response.context["form"].fields["attendees"].queryset)
    assert offered == {mentor.person, *[p.person for p in pupils]}
    assert outsider.person not in offered


def test_an_outsider_posted_as_attendee_is_refused(admin_client, group_and_outsider):
    group, mentor, _pupils, outsider = group_and_outsider
    response = admin_client.post(
        reverse("mentoring_meetings:add"),
        {
            "group": group.pk,
            "date": "2025-10-02",
            "kind": "regular",
            "attendees": [mentor.person.pk, outsider.person.pk],
            "notes": "",
        },
    )
    assert not Meeting.objects.exists()
    assert response.status_code == 200
    assert "attendees" in response.context["form"].errors


def test_people_of_one_name_are_told_apart_in_the_choosers(
    admin_client, group_and_outsider
):
    group, mentor, pupils, _outsider = group_and_outsider
    pupil = pupils[0].person
    mentor.person.last_name, mentor.person.first_name = (
        pupil.last_name,
        pupil.first_name,
    )
    mentor.person.patronymic = pupil.patronymic
    mentor.person.save()
    meeting = Meeting.objects.create(group=group, date="2025-10-01")
    response = admin_client.get(reverse("mentoring_meetings:edit", args=[meeting.pk]))
    field = response.context["form"].fields["attendees"]
    labels = {field.label_from_instance(p) for p in (mentor.person, pupil)}
    assert len(labels) == 2, labels  # the same name, two different labels


def test_a_new_meeting_offers_the_people_of_groups_each_marked_with_its_group(
    admin_client, group_and_outsider
):
    """Before a group is chosen: the people of the groups, each checkbox
    naming its groups (the page shows only the chosen group's); a pupil of
    no group is not offered at all."""
    group, mentor, pupils, outsider = group_and_outsider
    response = admin_client.get(reverse("mentoring_meetings:add"))
    field = response.context["form"].fields["attendees"]
    assert set(field.queryset) == {mentor.person, *[p.person for p in pupils]}
    html = response.content.decode()
    for person in (mentor.person, *[p.person for p in pupils]):
        assert re.search(
            rf'value="{person.pk}"[^>]*data-member-of="{group.pk}"'
            rf'|data-member-of="{group.pk}"[^>]*value="{person.pk}"',
            html,
        ), person
    assert f'value="{outsider.person.pk}"' not in html
    assert "meeting-attendees.js" in html

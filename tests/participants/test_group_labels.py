"""Two groups of one mentor, one form and one year are told apart where a
group is chosen: the meeting form and the questionnaire's links page
(issue 25, item 6). No pupil is named in the choice."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from mentoring_wagtail.monitoring.models import ResponseToken
from tests.approvals_support import setup_roles
from tests.module_state import fresh_all, module_db_state, start_from
from tests.monitoring.support import (
    make_group,
    make_mentee,
    make_mentor,
    make_questionnaire,
    site_and_section,
)

pytestmark = pytest.mark.django_db


def build_twins():
    roles = setup_roles()
    site, section = site_and_section()
    mentor = make_mentor(site, "teacher", 1, 1980)
    first = make_group(
        site,
        mentor,
        [make_mentee(site, "student", i, 2010) for i in range(2)],
        "teacher-student",
    )
    second = make_group(
        site,
        mentor,
        [make_mentee(site, "student", i, 2010) for i in range(2, 5)],
        "teacher-student",
    )
    assert str(first) == str(second)  # what the curator used to see twice
    return {"roles": roles, "section": section, "groups": (first, second)}


# Built once for the module; each test starts from it (tests/module_state.py).
_twins = module_db_state(build_twins)


@pytest.fixture
def twins(_twins, db, media_root):
    return fresh_all(start_from(_twins, media_root))


def _option_texts(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no <select name={name}>"
    return {
        value: unescape(text).strip()
        for value, text in re.findall(
            r'<option value="(\d+)"[^>]*>(.*?)</option>', select.group(1), re.S
        )
    }


def _pupil_names(group):
    return [m.mentee.person.last_name for m in group.memberships.all()]


def test_the_meeting_form_tells_the_mentors_two_groups_apart(client, twins):
    first, second = twins["groups"]
    client.force_login(twins["roles"]["curator"])
    with translation.override("ru"):
        html = client.get(
            reverse("mentoring_meetings:add"), HTTP_ACCEPT_LANGUAGE="ru"
        ).content.decode()
    options = _option_texts(html, "group")
    one, two = options[str(first.pk)], options[str(second.pk)]
    assert one != two
    assert "наставляемых: 2" in one and "наставляемых: 3" in two
    for name in _pupil_names(first) + _pupil_names(second):
        assert name not in one + two


def test_alike_groups_started_the_same_day_are_told_by_their_number(client, twins):
    first, second = twins["groups"]
    second.memberships.last().delete()  # now both have two mentees
    for group in (first, second):
        group.start = datetime.date(2025, 9, 1)
        group.save()
    client.force_login(twins["roles"]["curator"])
    with translation.override("ru"):
        html = client.get(
            reverse("mentoring_meetings:add"), HTTP_ACCEPT_LANGUAGE="ru"
        ).content.decode()
    options = _option_texts(html, "group")
    one, two = options[str(first.pk)], options[str(second.pk)]
    assert one != two
    assert "с 01.09.2025" in one and f"№ {second.pk}" in two


def test_the_links_page_tells_the_groups_apart_in_the_form_and_the_links(client, twins):
    first, second = twins["groups"]
    questionnaire = make_questionnaire(twins["section"])
    url = reverse("mentoring_monitoring_links", args=[questionnaire.pk])
    client.force_login(twins["roles"]["curator"])
    with translation.override("ru"):
        form = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    labels = dict(re.findall(r'name="groups" value="(\d+)"> ([^<]+)</label>', form))
    assert labels[str(first.pk)] != labels[str(second.pk)]
    with translation.override("ru"):
        issued = client.post(
            url,
            {"groups": [first.pk, second.pk], "format": "html"},
            HTTP_ACCEPT_LANGUAGE="ru",
        ).content.decode()
    assert ResponseToken.objects.count() == 5
    # Each link's row names its own group as the form did.
    assert unescape(issued).count(unescape(labels[str(first.pk)])) == 2
    assert unescape(issued).count(unescape(labels[str(second.pk)])) == 3

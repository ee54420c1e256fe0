"""Every role × participants' object × action, tried by direct URL.

Two groups exist: the mentor's own («Своева» with mentee «Свойкина») and
another («Чужова» with «Чужкина»). The rights are written out as the school
states them; a denied action ends in 403 or a redirect away, never in the data.
"""

import pytest
from django.urls import reverse

from mentoring_wagtail.participants.models import GroupPlanTask, Meeting
from tests.approvals_support import ROLE_KEYS, denied, setup_roles
from tests.module_state import (
    add_mentoring_section,
    fresh_all,
    module_db_state,
    start_from,
)

from .support import TODAY, make_group, make_mentee, make_mentor

pytestmark = pytest.mark.django_db

VIEWSETS = {
    "person": "mentoring_people",
    "consent": "mentoring_consents",
    "mentor": "mentoring_mentors",
    "mentee": "mentoring_mentees",
    "group": "mentoring_groups",
    "task": "mentoring_plan_tasks",
    "meeting": "mentoring_meetings",
}
SEE = {"list", "view"}
EDIT = {"list", "view", "edit", "add"}
# Rights on the *other* group's objects (and on everything, for non-mentors).
EXPECTED = {
    "curator": {
        "person": EDIT,
        "consent": EDIT | {"delete"},
        "mentor": EDIT,
        "mentee": EDIT,
        "group": EDIT,
        "task": EDIT | {"delete"},
        "meeting": EDIT | {"delete"},
    },
    # Sees consents (and whose they are) but no request or meeting note.
    "secretary": {"person": SEE, "consent": EDIT, "group": SEE},
    "director": {"person": SEE, "mentor": SEE, "group": SEE},
    "methodologist": {"group": SEE, "task": SEE},
    "site_editor": {},
    "mentor": {},
    # Aggregates of every school only: never a person.
    "regional_coordinator": {},
}
# What the mentor may do with the objects of their own group.
MENTOR_OWN = {
    "person": SEE,
    "mentor": SEE,
    "mentee": SEE,
    "group": SEE,
    "task": EDIT,
    "meeting": EDIT,
}
ACTIONS = ("list", "view", "edit", "add", "delete")


def build_world():
    add_mentoring_section()
    users = setup_roles()
    own_mentor = make_mentor(last_name="Своева", user=users["mentor"], capacity=3)
    other_mentor = make_mentor(last_name="Чужова", capacity=3)
    own_mentee = make_mentee(last_name="Свойкина")
    other_mentee = make_mentee(last_name="Чужкина")
    own = make_group(own_mentor, mentees=[own_mentee])
    other = make_group(other_mentor, mentees=[other_mentee])
    objects = {}
    for key, group, mentor, mentee in (
        ("own", own, own_mentor, own_mentee),
        ("other", other, other_mentor, other_mentee),
    ):
        name = mentor.person.last_name
        meeting = Meeting.objects.create(
            group=group, date=TODAY, notes=f"заметка {name}"
        )
        task = GroupPlanTask.objects.create(group=group, title=f"Задача {name}")
        objects[key] = {
            "person": (mentee.person, mentee.person.last_name),
            "consent": (mentee.person.consents.get(), mentee.person.last_name),
            "mentor": (mentor, name),
            "mentee": (mentee, mentee.person.last_name),
            "group": (group, name),
            "task": (task, task.title),
            "meeting": (meeting, name),
        }
    return users, objects


# Built once for the module; each test starts from it (tests/module_state.py).
_world = module_db_state(build_world)


@pytest.fixture
def world(_world, db, media_root):
    return fresh_all(start_from(_world, media_root))


def expected(role, model, which):
    if role == "mentor" and which == "own":
        return MENTOR_OWN.get(model, set())
    return EXPECTED[role].get(model, set())


def check(client, prefix, obj, marker, allowed, action):
    if action == "list":
        response = client.get(reverse(f"{prefix}:index"))
        if "list" in allowed:
            assert response.status_code == 200
            assert marker in response.text
        else:
            assert denied(response) or marker not in response.text
        return
    if action == "add":
        response = client.get(reverse(f"{prefix}:add"))
        assert (response.status_code == 200) == ("add" in allowed)
        return
    name = {"view": "inspect", "edit": "edit", "delete": "delete"}[action]
    response = client.get(reverse(f"{prefix}:{name}", args=[obj.pk]))
    if action in allowed:
        assert response.status_code == 200
    else:
        assert denied(response) or response.status_code == 404
        assert marker not in response.text
        if action == "delete":
            assert denied(client.post(reverse(f"{prefix}:delete", args=[obj.pk])))
            assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("model", VIEWSETS)
@pytest.mark.parametrize("role", ROLE_KEYS)
def test_role_model_actions(client, world, role, model):
    users, objects = world
    client.force_login(users[role])
    for which in ("other", "own"):
        obj, marker = objects[which][model]
        allowed = expected(role, model, which)
        for action in ACTIONS:
            if action == "add" and which == "own":
                continue  # a model-level right: checked once
            if action == "add":
                allowed_add = allowed | (expected(role, model, "own") & {"add"})
                check(client, VIEWSETS[model], obj, marker, allowed_add, action)
                continue
            try:
                check(client, VIEWSETS[model], obj, marker, allowed, action)
            except AssertionError as error:
                raise AssertionError(f"{role} {action} {which} {model}") from error


def test_mentor_logs_meetings_only_in_their_own_groups(client, world):
    users, objects = world
    client.force_login(users["mentor"])
    own, other = objects["own"]["group"][0], objects["other"]["group"][0]
    form = client.get(reverse("mentoring_meetings:add")).text
    # Neither the other group nor its people are offered.
    assert "Своева" in form and "Свойкина" in form
    assert "Чужова" not in form and "Чужкина" not in form
    data = {"date": TODAY.isoformat(), "kind": "regular", "notes": "взлом"}
    response = client.post(
        reverse("mentoring_meetings:add"), {**data, "group": other.pk}
    )
    assert response.status_code == 200  # the form refuses the group
    assert not Meeting.objects.filter(notes="взлом").exists()
    response = client.post(reverse("mentoring_meetings:add"), {**data, "group": own.pk})
    assert response.status_code == 302
    assert Meeting.objects.get(notes="взлом").group == own


def test_mentor_marks_plan_progress(client, world):
    users, objects = world
    client.force_login(users["mentor"])
    task = objects["own"]["task"][0]
    response = client.post(
        reverse("mentoring_plan_tasks:edit", args=[task.pk]),
        {
            "group": task.group_id,
            "title": task.title,
            "deadline": "до 1 декабря",
            "done": "on",
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done and task.done_on == TODAY
    other = objects["other"]["task"][0]
    response = client.post(
        reverse("mentoring_plan_tasks:edit", args=[other.pk]),
        {"group": other.group_id, "title": "взлом", "done": "on", "sort_order": 0},
    )
    assert denied(response) or response.status_code == 404
    other.refresh_from_db()
    assert other.title != "взлом" and not other.done


def test_secretary_never_sees_requests_or_notes(client, world):
    users, objects = world
    client.force_login(users["secretary"])
    person = objects["other"]["person"][0]
    card = client.get(reverse("mentoring_people:inspect", args=[person.pk])).text
    assert "Чужкина" in card
    assert "олимпиад" not in card  # the mentee's request
    assert denied(client.get(reverse("mentoring_mentees:index")))
    assert denied(client.get(reverse("mentoring_meetings:index")))


@pytest.mark.parametrize("model", VIEWSETS)
def test_history_opens_for_who_may_see_and_stays_closed_to_others(client, world, model):
    """Wagtail's history view asks get_object() without a queryset (was a 500)."""
    users, objects = world
    obj, marker = objects["other"][model]
    url = reverse(f"{VIEWSETS[model]}:history", args=[obj.pk])
    client.force_login(users["curator"])
    assert client.get(url).status_code == 200
    client.force_login(users["mentor"])
    response = client.get(url)
    assert denied(response) or response.status_code == 404
    assert marker not in response.text

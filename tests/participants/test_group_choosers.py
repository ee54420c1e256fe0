"""The group's mentor and mentees are picked with choosers, not whole-base selects.

The edit form renders only what is chosen, so it makes the same queries at
any size of the bases; the choosers and a post offer and accept only the
people the user may see.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from guardian.shortcuts import assign_perm
from wagtail.models import ModelLogEntry

from tests.approvals_support import login, make_user

from ..module_state import built_once
from .support import TODAY, make_group, make_mentee, make_mentor

# Every test starts from the rows built once, in whatever order they run.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built")]

# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once()


@pytest.fixture
def curator(users):
    return users["curator"]


def edit_url(group):
    return reverse("mentoring_groups:edit", args=[group.pk])


def post_data(group, mentees, mentor=None):
    return {
        "mentor": (mentor or group.mentor).pk,
        "form": group.form.pk,
        "academic_year": "2025/2026",
        "start": group.start.isoformat(),
        "planned_end": "",
        "goals": "",
        "status": group.status,
        "dissolution_reason": "",
        "fixing_order": "",
        "mentees": [mentee.pk for mentee in mentees],
    }


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.text


def withdraw(person):
    consent = person.consents.get()
    consent.withdrawn_on = TODAY
    consent.save()


def test_the_edit_form_costs_the_same_at_a_larger_base(client, curator):
    group = make_group(
        make_mentor(last_name="Ведущева"),
        mentees=[make_mentee(last_name="Перваева"), make_mentee(last_name="Втораева")],
    )
    make_mentor(last_name="Другова")
    make_mentee(last_name="Постороннева")
    login(client, curator)
    client.get(edit_url(group))  # caches (site, content types) warm up
    small, html = queries_of(client, edit_url(group))
    assert "Ведущева" in html and "Перваева" in html and "Втораева" in html
    # The form lists only what is chosen, never the bases.
    assert "Другова" not in html and "Постороннева" not in html
    assert reverse("mentoring_mentee_chooser:choose") in html
    assert reverse("mentoring_mentor_chooser:choose") in html

    for _ in range(15):
        make_mentor()
        make_mentee()
        make_mentee()
    large, html = queries_of(client, edit_url(group))
    assert large == small
    assert "Постороннева" not in html


def test_choosing_mentees_saves_and_is_logged(client, curator):
    group = make_group(make_mentor(capacity=3), mentees=[make_mentee()])
    staying, joining = group.mentees.get(), make_mentee()
    login(client, curator)
    response = client.post(edit_url(group), post_data(group, [staying, joining]))
    assert response.status_code == 302, response.text[:2000]
    assert set(group.mentees.all()) == {staying, joining}
    assert ModelLogEntry.objects.filter(
        action="wagtail.edit", object_id=str(group.pk), user=curator
    ).exists()

    # Removing every mentee in the chooser posts no «mentees» at all.
    data = post_data(group, [])
    del data["mentees"]
    response = client.post(edit_url(group), data)
    assert response.status_code == 302, response.text[:2000]
    assert not group.mentees.exists()


def test_a_hidden_or_unknown_mentee_is_refused_by_name_of_the_field(client, curator):
    group = make_group(make_mentor(capacity=3), mentees=[make_mentee()])
    member = group.mentees.get()
    hidden = make_mentee(last_name="Отозвавшая")
    withdraw(hidden.person)
    login(client, curator)
    for wrong in (hidden.pk, 987654, "abc"):
        data = post_data(group, [member])
        data["mentees"].append(wrong)
        response = client.post(edit_url(group), data)
        assert response.status_code == 200
        errors = " ".join(response.context["form"].errors["mentees"])
        assert "Наставляем" in errors and "выбрать нельзя" in errors
        assert "Отозвавшая" not in response.text
    assert list(group.mentees.all()) == [member]


def test_a_post_with_a_mentor_not_approved_is_refused_and_nothing_saved(
    client, curator
):
    group = make_group(make_mentor(capacity=3), mentees=[make_mentee()])
    candidate = make_mentor(status="candidate", last_name="Кандидатова")
    login(client, curator)
    response = client.post(
        edit_url(group), post_data(group, group.mentees.all(), mentor=candidate)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["mentor"]
    # The chosen (refused) mentor is shown back so the curator sees what failed.
    assert "Кандидатова" in response.text
    group.refresh_from_db()
    assert group.mentor != candidate


@pytest.fixture
def grantee(users):
    """A user who may change one group and see one mentee, by object grants."""
    user = make_user("grantee", "site_editor")
    group = make_group(make_mentor(capacity=3), mentees=[make_mentee()])
    seen = make_mentee(last_name="Разрешённова")
    unseen = make_mentee(last_name="Закрытова")
    assign_perm("mentoring_participants.change_mentoringgroup", user, group)
    assign_perm("mentoring_participants.view_mentor", user, group.mentor)
    for mentee in [group.mentees.get(), seen]:
        assign_perm("mentoring_participants.view_mentee", user, mentee)
    return user, group, seen, unseen


def test_a_user_chooses_only_people_granted_to_them(client, grantee):
    user, group, seen, unseen = grantee
    member = group.mentees.get()
    login(client, user)
    assert client.get(edit_url(group)).status_code == 200

    results = client.get(reverse("mentoring_mentee_chooser:choose_results")).text
    assert "Разрешённова" in results and "Закрытова" not in results
    search = client.get(
        reverse("mentoring_mentee_chooser:choose_results"), {"q": "разреш"}
    ).text
    assert "Разрешённова" in search and member.person.last_name not in search
    chosen = reverse("mentoring_mentee_chooser:chosen", args=[unseen.pk])
    assert client.get(chosen).status_code == 404
    assert client.get(
        reverse("mentoring_mentee_chooser:chosen_multiple"),
        {"id": [seen.pk, unseen.pk, "abc"]},
    ).json()["result"] == [
        {
            "id": str(seen.pk),
            "title": str(seen),
            "edit_url": None,
        }
    ]

    response = client.post(edit_url(group), post_data(group, [member, unseen]))
    assert response.status_code == 200
    assert "Закрытова" not in response.text
    assert list(group.mentees.all()) == [member]

    response = client.post(edit_url(group), post_data(group, [member, seen]))
    assert response.status_code == 302, response.text[:2000]
    assert set(group.mentees.all()) == {member, seen}


def test_a_mentor_signed_in_finds_only_their_own_mentees_in_the_chooser(client, users):
    mentor_user = make_user("mentor", "mentor")
    make_group(
        make_mentor(user=mentor_user), mentees=[make_mentee(last_name="Своякова")]
    )
    make_group(mentees=[make_mentee(last_name="Чужакова")])
    login(client, mentor_user)
    html = client.get(reverse("mentoring_mentee_chooser:choose_results")).text
    assert "Своякова" in html and "Чужакова" not in html

"""The user form's «Роли» tab: the programme's roles first, each with what it
may do; Wagtail's default groups and the per-page responsible groups apart,
collapsed and named in words; and saving the form as it was shown keeps
every membership, technical ones included (issue 25, item 9)."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from mentoring_wagtail.access.permissions import make_responsible_for_page
from tests.approvals_support import make_user
from tests.module_state import built_once
from tests.russian_text import problems as russian_problems

pytestmark = pytest.mark.django_db


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once()


@pytest.fixture
def teacher(users, mentoring_section):
    Group.objects.get_or_create(name="Moderators")
    Group.objects.get_or_create(name="Editors")
    user = make_user("ivanova", "curator", first_name="Анна", last_name="Иванова")
    user.groups.add(Group.objects.get(name="Moderators"))
    page_group = make_responsible_for_page(user, mentoring_section)
    root = make_user("root", is_superuser=True, is_staff=True)
    return {"user": user, "root": root, "page_group": page_group}


def _roles_tab(html):
    tab = re.search(r'<section\s+id="tab-roles".*?</section>', html, re.S)
    assert tab, "no «Роли» tab"
    # The tab is shown when clicked: read it as the user does then.
    return tab.group(0).replace(" hidden", "", 1)


def _get(client, url):
    with translation.override("ru"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    return response.content.decode()


def _checked(html):
    return {
        int(value)
        for tag in re.findall(r"<input[^>]*>", html)
        if 'name="groups"' in tag and " checked" in tag
        for value in re.findall(r'value="(\d+)"', tag)
    }


def test_the_roles_come_first_and_technical_groups_are_apart(
    client, teacher, mentoring_section
):
    client.force_login(teacher["root"])
    html = _get(client, reverse("wagtailusers_users:edit", args=[teacher["user"].pk]))
    tab = _roles_tab(html)
    roles, _sep, technical = tab.partition("<details")
    assert "Куратор — " in roles and "Директор — " in roles
    assert "Moderators" not in roles
    assert "Служебные группы (отмечено: 2)" in technical
    assert "Модераторы" in technical and "Редакторы" in technical
    assert f"Ответственные за страницу «{mentoring_section.title}»" in technical
    assert "mentoring-page-responsible" not in re.sub(r"<[^>]+>", " ", tab)
    assert not russian_problems(tab), russian_problems(tab)


def test_saving_the_form_as_shown_keeps_the_technical_memberships(client, teacher):
    user = teacher["user"]
    before = set(user.groups.values_list("pk", flat=True))
    assert teacher["page_group"].pk in before
    client.force_login(teacher["root"])
    url = reverse("wagtailusers_users:edit", args=[user.pk])
    html = _get(client, url)
    assert _checked(html) == before
    director = Group.objects.get(name="Директор")
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": "Анна",
        "last_name": "Петрова",  # she married
        "is_active": "on",
        "groups": sorted(_checked(html) | {director.pk}),
    }
    with translation.override("ru"):
        response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.last_name == "Петрова"
    assert set(user.groups.values_list("pk", flat=True)) == before | {director.pk}
    # Her page rights work as before.
    assert teacher["page_group"].user_set.filter(pk=user.pk).exists()


def test_a_new_user_gets_roles_from_the_same_tab(client, teacher):
    client.force_login(teacher["root"])
    html = _get(client, reverse("wagtailusers_users:add"))
    roles, _sep, technical = _roles_tab(html).partition("<details")
    assert "Куратор — " in roles and "Модераторы" in technical

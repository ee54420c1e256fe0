"""Wagtail's page chooser shows a per-site role its own school's tree only.

Opened at the root (as from a link field or «Переместить»), browsed into
another school's home page by a typed URL, or searched, it names no page of
school B to school A's curator, director or secretary. A plain role and a
superuser still see every school, and so does Wagtail's «Editors» group,
whose rights are on the root.
"""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from ..approvals_support import make_user
from ..fifty_schools import add_schools
from .test_two_schools_core import _plain_roles

pytestmark = pytest.mark.django_db

PER_SITE_ROLES = ("curator", "director", "secretary")


@pytest.fixture
def two_schools():
    a, b = add_schools(1, 2)
    call_command("mentoring_setup", per_site=True, verbosity=0)
    return a, b


def chooser_text(client, **params):
    response = client.get(reverse("wagtailadmin_choose_page"), params)
    assert response.status_code == 200
    return json.loads(response.content)["html"]


def child_chooser_text(client, page):
    response = client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]))
    assert response.status_code == 200
    return json.loads(response.content)["html"]


def search_text(client, query):
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def browse_link(page):
    return reverse("wagtailadmin_choose_page_child", args=[page.pk])


def home_of(school):
    return school.site.root_page


@pytest.mark.parametrize("role", PER_SITE_ROLES)
def test_a_per_site_role_is_shown_its_own_school_only(client, two_schools, role):
    a, b = two_schools
    client.force_login(make_user(f"{role}_a", role, site=a.site))

    at_root = chooser_text(client)
    assert home_of(a).title in at_root
    assert home_of(b).title not in at_root

    # A typed URL into school B's home lists none of its pages; into A's, A's.
    assert browse_link(a.section) in child_chooser_text(client, home_of(a))
    assert browse_link(b.section) not in child_chooser_text(client, home_of(b))

    found = search_text(client, "Школа")
    assert home_of(a).title in found
    assert home_of(b).title not in found


@pytest.mark.parametrize("who", ["plain curator", "superuser", "editors"])
def test_roles_over_every_school_still_see_every_school(client, two_schools, who):
    a, b = two_schools
    if who == "plain curator":
        user = _plain_roles()["curator"]
    elif who == "superuser":
        user = make_user("root", is_staff=True, is_superuser=True)
    else:
        user = make_user("editor_all", "curator", site=a.site)
        editors, _ = Group.objects.get_or_create(name="Editors")
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(codename="change_page"),
        )
        user.groups.add(editors)
    client.force_login(user)

    at_root = chooser_text(client)
    assert home_of(a).title in at_root
    assert home_of(b).title in at_root
    assert browse_link(b.section) in child_chooser_text(client, home_of(b))

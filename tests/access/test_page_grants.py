"""A page grant is keyed by the page's id: a rename keeps it in «Доступ»."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageLogEntry

from mentoring_wagtail.access.permissions import (
    get_page_local_group,
    make_responsible_for_page,
)
from mentoring_wagtail.models import RoadmapPage

from ..module_state import built_once

pytestmark = pytest.mark.django_db


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once()


@pytest.fixture
def roadmap(mentoring_section):
    return mentoring_section.add_child(
        instance=RoadmapPage(title="Дорожная карта 2024/2025", slug="rm")
    )


def test_a_renamed_page_keeps_its_grant_in_access(client, users, roadmap):
    client.force_login(users["director"])
    url = reverse("mentoring_sharing:page", args=[roadmap.pk])
    client.post(url, {"user": users["curator"].pk})
    roadmap.title = "Дорожная карта 2024/2025 (новая редакция)"
    roadmap.save_revision().publish()

    text = client.get(url).text
    assert "Дорожная карта 2024/2025 (новая редакция)" in text
    assert users["curator"].get_full_name() in text
    assert f'value="user:{users["curator"].pk}"' in text
    client.post(url, {"revoke": f"user:{users['curator'].pk}"})
    assert (
        not users["curator"].groups.filter(pk=get_page_local_group(roadmap).pk).exists()
    )
    client.force_login(users["curator"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[roadmap.pk]))
    assert edit.status_code in (302, 403)


def test_the_group_name_does_not_follow_the_title(users, roadmap):
    group = make_responsible_for_page(users["curator"], roadmap)
    roadmap.title = "Другое название"
    roadmap.save()
    assert get_page_local_group(roadmap) == group
    assert "Другое название" not in group.name and str(roadmap.pk) in group.name


def test_membership_changes_are_logged_on_the_page(users, roadmap):
    make_responsible_for_page(users["curator"], roadmap)
    users["curator"].groups.remove(get_page_local_group(roadmap))
    actions = list(
        PageLogEntry.objects.filter(page=roadmap).values_list("action", flat=True)
    )
    assert "mentoring_wagtail.sharing.grant" in actions
    assert "mentoring_wagtail.sharing.revoke" in actions


def test_migration_renames_title_keyed_groups(users, roadmap):
    """Groups of the old scheme, the page renamed since, are found by id."""
    old = Group.objects.create(name=f"Ответственные: «Старое название» (#{roadmap.pk})")
    old.user_set.add(users["curator"])
    unrelated = Group.objects.create(name="Ответственные: родители")
    migration = importlib.import_module(
        "mentoring_wagtail.migrations.0002_page_responsible_groups_by_id"
    )
    migration.rename_groups(django_apps, None)
    group = get_page_local_group(roadmap)
    assert group is not None and group.pk == old.pk
    assert users["curator"] in group.user_set.all()
    assert Group.objects.filter(
        pk=unrelated.pk, name="Ответственные: родители"
    ).exists()

"""Per-page rights: a curator made responsible for one roadmap edits just that."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from mentoring_wagtail.access.permissions import get_page_local_group
from mentoring_wagtail.models import RoadmapPage

from ..approvals_support import denied, login
from ..module_state import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmaps(mentoring_section):
    first = mentoring_section.add_child(
        instance=RoadmapPage(title="Дорожная карта 2024/2025", slug="rm-2024")
    )
    second = mentoring_section.add_child(
        instance=RoadmapPage(title="Дорожная карта 2025/2026", slug="rm-2025")
    )
    return first, second


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once()


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_curator_edits_no_roadmap_until_made_responsible(client, users, roadmaps):
    first, second = roadmaps
    login(client, users["curator"])
    assert denied(client.get(edit_url(first)))
    assert denied(client.get(edit_url(second)))


def test_director_makes_curator_responsible_for_one_roadmap(client, users, roadmaps):
    first, second = roadmaps
    login(client, users["director"])
    url = reverse("mentoring_sharing:page", args=[first.pk])
    response = client.get(url)
    assert response.status_code == 200
    response = client.post(url, {"user": users["curator"].pk})
    assert response.status_code == 302
    assert users["curator"].groups.filter(pk=get_page_local_group(first).pk).exists()
    grant = PageLogEntry.objects.get(
        page=first, action="mentoring_wagtail.sharing.grant"
    )
    assert grant.user == users["director"]

    client.force_login(users["curator"])
    assert client.get(edit_url(first)).status_code == 200
    assert denied(client.get(edit_url(second)))
    # The explorer agrees: the curator sees the roadmap in the section listing.
    listing = client.get(reverse("wagtailadmin_explore", args=[first.get_parent().pk]))
    assert listing.status_code == 200
    assert "Дорожная карта 2024/2025" in listing.text


def test_revoking_takes_the_roadmap_back(client, users, roadmaps):
    first, _second = roadmaps
    login(client, users["director"])
    url = reverse("mentoring_sharing:page", args=[first.pk])
    client.post(url, {"user": users["curator"].pk})
    response = client.post(url, {"revoke": f"user:{users['curator'].pk}"})
    assert response.status_code == 302
    assert PageLogEntry.objects.filter(
        page=first, action="mentoring_wagtail.sharing.revoke"
    ).exists()
    client.force_login(users["curator"])
    assert denied(client.get(edit_url(first)))


@pytest.mark.parametrize("role", ["curator", "secretary", "methodologist", "mentor"])
def test_only_who_may_publish_shares_a_page(client, users, roadmaps, role):
    first, _second = roadmaps
    login(client, users[role])
    url = reverse("mentoring_sharing:page", args=[first.pk])
    assert denied(client.get(url))
    assert denied(client.post(url, {"user": users[role].pk}))
    assert get_page_local_group(first) is None


def test_curator_edits_the_roadmap_they_created(client, users, mentoring_section):
    mine = mentoring_section.add_child(
        instance=RoadmapPage(title="Моя карта", slug="mine", owner=users["curator"])
    )
    login(client, users["curator"])
    assert client.get(edit_url(mine)).status_code == 200


def test_a_new_roadmap_follows_the_roadmap_route(users, mentoring_section):
    page = mentoring_section.add_child(
        instance=RoadmapPage(title="Новая карта", slug="new")
    )
    assert page.get_workflow().name == "Утверждение дорожной карты"


def test_page_header_offers_access_to_who_may_share(client, users, roadmaps):
    first, _second = roadmaps
    sharing = reverse("mentoring_sharing:page", args=[first.pk])
    login(client, users["director"])
    assert sharing in client.get(edit_url(first)).text
    login(client, users["site_editor"])
    assert sharing in client.get(edit_url(first)).text

"""Nothing official vanishes: published pages of the section are not deleted
or moved by the package's roles; the admin offers neither, the server
refuses both. The section and the registry accept only their own page types.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page

from mentoring_wagtail.models import (
    DocumentRegistryPage,
    MentoringIndexPage,
    RoadmapPage,
)

from ..approvals_support import denied
from ..module_state import built_once

pytestmark = pytest.mark.django_db
EDITORS = ("director", "site_editor")


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once()


@pytest.fixture
def pages(mentoring_section):
    roadmap = mentoring_section.add_child(
        instance=RoadmapPage(title="Дорожная карта 2025/2026", slug="rm")
    )
    registry = mentoring_section.add_child(
        instance=DocumentRegistryPage(title="Документы", slug="docs")
    )
    withdrawn = mentoring_section.add_child(
        instance=RoadmapPage(title="Карта прошлого года", slug="old")
    )
    withdrawn.save_revision().publish()  # published once, so it is on record
    withdrawn.refresh_from_db()
    withdrawn.unpublish()
    assert withdrawn.first_published_at and not withdrawn.live
    return {
        "section": mentoring_section,
        "roadmap": roadmap,
        "registry": registry,
        "withdrawn": withdrawn,
    }


def still_there(page):
    return Page.objects.filter(pk=page.pk, path=Page.objects.get(pk=page.pk).path)


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("which", ["roadmap", "registry", "withdrawn"])
def test_official_pages_are_not_deleted(client, users, pages, role, which):
    page = pages[which]
    client.force_login(users[role])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).text
    delete_url = reverse("wagtailadmin_pages:delete", args=[page.pk])
    move_url = reverse("wagtailadmin_pages:move", args=[page.pk])
    assert delete_url not in edit and move_url not in edit
    listing = client.get(
        reverse("wagtailadmin_explore", args=[pages["section"].pk])
    ).text
    assert delete_url not in listing and move_url not in listing
    assert denied(client.get(delete_url))
    assert denied(client.post(delete_url))
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    client.post(f"{bulk}?id={page.pk}")
    assert Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("role", EDITORS)
def test_official_pages_are_not_moved(client, users, pages, role):
    roadmap, registry = pages["roadmap"], pages["registry"]
    other_section = (
        pages["section"]
        .get_parent()
        .add_child(instance=MentoringIndexPage(title="Другая программа", slug="other"))
    )
    from mentoring_wagtail.setup.steps import run_setup

    run_setup()  # the roles get the new section too
    path = Page.objects.get(pk=roadmap.pk).path
    client.force_login(users[role])
    assert denied(client.get(reverse("wagtailadmin_pages:move", args=[roadmap.pk])))
    confirm = reverse(
        "wagtailadmin_pages:move_confirm", args=[roadmap.pk, other_section.pk]
    )
    assert denied(client.get(confirm))
    assert denied(client.post(confirm))
    assert Page.objects.get(pk=roadmap.pk).path == path
    section_path = Page.objects.get(pk=pages["section"].pk).path
    client.post(
        reverse(
            "wagtailadmin_pages:move_confirm",
            args=[pages["section"].pk, other_section.pk],
        )
    )
    assert Page.objects.get(pk=pages["section"].pk).path == section_path
    assert Page.objects.get(pk=registry.pk).get_parent().pk == pages["section"].pk


def test_a_draft_never_published_is_deleted_as_wagtail_allows(client, users, pages):
    draft = pages["section"].add_child(
        instance=RoadmapPage(title="Черновик", slug="draft", live=False)
    )
    client.force_login(users["director"])
    client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert not Page.objects.filter(pk=draft.pk).exists()


def test_a_published_page_is_unpublished_instead(client, users, pages):
    roadmap = pages["roadmap"]
    client.force_login(users["director"])
    client.post(reverse("wagtailadmin_pages:unpublish", args=[roadmap.pk]))
    roadmap.refresh_from_db()
    assert not roadmap.live and Page.objects.filter(pk=roadmap.pk).exists()


def test_the_section_accepts_only_its_own_page_types(client, users, pages):
    allowed = set(MentoringIndexPage.allowed_subpage_models())
    assert {DocumentRegistryPage, RoadmapPage} <= allowed
    # Any other type joined by naming the section as its parent (optional apps).
    for model in allowed - {DocumentRegistryPage, RoadmapPage}:
        assert model.parent_page_types is not None
        assert MentoringIndexPage in model.clean_parent_page_models()
    assert DocumentRegistryPage.allowed_subpage_models() == []
    assert MentoringIndexPage not in MentoringIndexPage.allowed_subpage_models()
    home_model = type(pages["section"].get_parent().specific)
    client.force_login(users["director"])
    for model in (MentoringIndexPage, home_model):
        meta = model._meta
        url = reverse(
            "wagtailadmin_pages:add",
            args=[meta.app_label, meta.model_name, pages["section"].pk],
        )
        assert denied(client.get(url))
    count = Page.objects.count()
    meta = RoadmapPage._meta
    url = reverse(
        "wagtailadmin_pages:add",
        args=[meta.app_label, meta.model_name, pages["registry"].pk],
    )
    assert denied(client.get(url))
    assert Page.objects.count() == count

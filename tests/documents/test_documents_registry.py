"""The public registry: what visitors see, find and download, and what never leaks."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import CollectionViewRestriction

from mentoring_wagtail.documents.search import expand_query, query_words, synonyms_for
from mentoring_wagtail.models import (
    MentoringProgramme,
    ProgrammeDocument,
    Regulation,
)

from ..documents_support import (
    TODAY,
    docx_bytes,
    make_document,
    make_order,
    make_site_tree,
    mentoring_collection,
    publish_obj,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return make_site_tree()


@pytest.fixture
def registry(tree):
    return tree[2]


@pytest.fixture
def site(tree):
    return tree[0]


def registry_get(client, registry, **params):
    response = client.get(registry.url, params)
    assert response.status_code == 200
    return response


def titles(response):
    return [document.title for document in response.context["documents"]]


def make_regulation(site, publish=True, **fields):
    values = {
        "title": "Положение о наставничестве",
        "date": TODAY - datetime.timedelta(days=10),
    }
    values.update(fields)
    regulation = Regulation.objects.create(site=site, **values)
    return publish_obj(regulation) if publish else regulation


def test_lists_only_published_documents(client, site, registry):
    make_order(site, number="1-ОД", title="О реализации", publish=True)
    make_order(site, number="2-ОД", title="Черновик приказа")
    live_then_unpublished = make_order(
        site, number="3-ОД", title="Снятый", publish=True
    )
    live_then_unpublished.unpublish()
    make_regulation(site)
    response = registry_get(client, registry)
    assert sorted(titles(response)) == ["О реализации", "Положение о наставничестве"]


def test_the_published_version_is_shown_not_the_draft(client, site, registry):
    order = make_order(site, number="1-ОД", title="О реализации", publish=True)
    order.title = "Черновая правка"
    order.save_revision()
    response = registry_get(client, registry)
    assert titles(response) == ["О реализации"]
    assert "Черновая правка" not in response.text


def test_documents_revoked_before_publication_stay_invisible(client, site, registry):
    draft = make_order(site, number="4-ОД", title="Отменён до публикации")
    draft.revoked_on = TODAY
    draft.save()
    assert titles(registry_get(client, registry)) == []


def test_revoked_documents_stay_with_their_mark(client, site, registry):
    cancelling = make_order(site, number="8-ОД", title="Об отмене", publish=True)
    order = make_order(site, number="5-ОД", title="О парах", publish=True)
    order.revoked_on = TODAY
    order.revoked_by = cancelling
    order.save()
    response = registry_get(client, registry)
    assert "О парах" in titles(response)
    assert "registry__status--revoked" in response.text
    detail = client.get(registry.url + f"orders/{order.pk}/")
    assert detail.status_code == 200
    assert "8-ОД" in detail.text


def test_filters_by_type_kind_and_year(client, site, registry):
    make_order(
        site,
        number="1-ОД",
        title="О кураторе",
        kind="curators",
        date=datetime.date(2024, 9, 1),
        publish=True,
    )
    make_order(
        site,
        number="2-ОД",
        title="О парах",
        kind="pairs",
        date=datetime.date(2025, 9, 1),
        publish=True,
    )
    make_regulation(site, date=datetime.date(2025, 8, 1))
    protocol = ProgrammeDocument.objects.create(
        site=site,
        title="Протокол заседания",
        kind="protocol",
        date=datetime.date(2025, 5, 1),
    )
    publish_obj(protocol)
    assert titles(registry_get(client, registry, type="orders")) == [
        "О парах",
        "О кураторе",
    ]
    assert titles(registry_get(client, registry, kind="pairs")) == ["О парах"]
    assert titles(registry_get(client, registry, kind="protocol")) == [
        "Протокол заседания"
    ]
    assert sorted(titles(registry_get(client, registry, year="2025"))) == [
        "О парах",
        "Положение о наставничестве",
        "Протокол заседания",
    ]
    response = registry_get(client, registry, year="2024", type="regulations")
    assert titles(response) == []
    assert response.context["years"] == [2025, 2024]


def test_pagination_keeps_the_filters(client, site, registry):
    registry.per_page = 2
    registry.save()
    for i in range(5):
        make_order(
            site,
            number=f"{i + 1}-ОД",
            title=f"О поощрении {i}",
            kind="encouragement",
            date=datetime.date(2025, 1, i + 1),
            publish=True,
        )
    response = registry_get(client, registry, kind="encouragement")
    assert titles(response) == ["О поощрении 4", "О поощрении 3"]
    assert "kind=encouragement&amp;page=2" in response.text
    page3 = registry_get(client, registry, kind="encouragement", page="3")
    assert titles(page3) == ["О поощрении 0"]


def test_search_finds_metadata_and_docx_text(
    client, site, registry, django_capture_on_commit_callbacks
):
    word = make_document(
        "Положение", docx_bytes("Куратор ведёт базу наставляемых."), "polozhenie.docx"
    )
    # The file's text is read by a background job, after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        make_regulation(site, file=word)
    make_order(site, number="1-ОД", title="О закреплении пар", publish=True)
    assert titles(registry_get(client, registry, q="базу")) == [
        "Положение о наставничестве"
    ]
    assert titles(registry_get(client, registry, q="закреплении")) == [
        "О закреплении пар"
    ]
    assert titles(registry_get(client, registry, q="несуществующее")) == []


def test_search_never_shows_drafts(client, site, registry):
    make_order(site, number="1-ОД", title="О закреплении пар")
    assert titles(registry_get(client, registry, q="закреплении")) == []


def test_document_page_shows_requisites_approvals_and_download(client, site, registry):
    scan = make_document("Скан", filename="prikaz-21.pdf")
    order = make_order(
        site,
        number="21-ОД",
        title="Об утверждении положения",
        date=datetime.date(2025, 8, 30),
        signed_scan=scan,
        publish=True,
    )
    make_regulation(site, approved_by_order=order, date=datetime.date(2025, 8, 30))
    hidden = make_regulation(
        site, publish=False, title="Проект программы", approved_by_order=order
    )
    response = client.get(registry.url + f"orders/{order.pk}/")
    assert response.status_code == 200
    assert "Об утверждении положения" in response.text
    assert "21-ОД" in response.text and "30.08.2025" in response.text
    assert "Положение о наставничестве" in response.text
    assert hidden.title not in response.text
    assert scan.url in response.text
    regulation = Regulation.objects.get(title="Положение о наставничестве")
    detail = client.get(registry.url + f"regulations/{regulation.pk}/")
    assert "21-ОД" in detail.text and f"orders/{order.pk}/" in detail.text


def test_an_older_edition_shows_it_is_no_longer_in_force(client, site, registry):
    old = make_regulation(site, edition="1", date=datetime.date(2022, 9, 1))
    new = make_regulation(
        site, edition="2", date=datetime.date(2025, 9, 1), supersedes=old
    )
    assert old.get_status() == "expired" and new.get_status() == "in_force"
    response = client.get(registry.url + f"regulations/{old.pk}/")
    assert "registry__status--expired" in response.text
    assert f"regulations/{new.pk}/" in response.text
    listing = registry_get(client, registry, type="regulations")
    statuses = {doc.edition: doc.status for doc in listing.context["documents"]}
    assert statuses == {"1": "expired", "2": "in_force"}


def test_unpublished_document_pages_are_not_found(client, site, registry):
    draft = make_order(site, number="2-ОД", title="Черновик")
    assert client.get(registry.url + f"orders/{draft.pk}/").status_code == 404
    assert client.get(registry.url + "nonsense/1/").status_code == 404


class TestPrivateCollections:
    @pytest.fixture
    def private(self):
        collection = mentoring_collection().add_child(name="Личные дела")
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
        return collection

    def test_a_document_whose_file_is_private_is_invisible(
        self, client, site, registry, private
    ):
        secret = make_document("Скан", filename="secret.pdf", collection=private)
        order = make_order(
            site,
            number="7-ОД",
            title="О поощрении Ивановой",
            signed_scan=secret,
            publish=True,
        )
        make_order(site, number="8-ОД", title="О реализации", publish=True)
        assert titles(registry_get(client, registry)) == ["О реализации"]
        assert titles(registry_get(client, registry, q="поощрении")) == []
        assert client.get(registry.url + f"orders/{order.pk}/").status_code == 404

    def test_the_direct_file_url_is_refused_to_anonymous_visitors(
        self, client, private
    ):
        secret = make_document("Скан", filename="secret.pdf", collection=private)
        response = client.get(secret.url)
        assert response.status_code in (302, 403)
        assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [b""]))

    def test_a_public_file_downloads(self, client, site):
        # Public: the signed scan of a published order (an unattached file of
        # the mentoring collection stays inside: tests/documents/test_serving.py).
        public = make_document(
            "Скан", filename="public.pdf", collection=mentoring_collection()
        )
        make_order(site, number="3-ОД", signed_scan=public, publish=True)
        response = client.get(public.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

    def test_nested_private_collections_are_private_too(
        self, client, site, registry, private
    ):
        inner = private.add_child(name="2025")
        secret = make_document("Скан", filename="inner.pdf", collection=inner)
        make_order(
            site, number="9-ОД", title="Внутренний", signed_scan=secret, publish=True
        )
        assert titles(registry_get(client, registry)) == []


def test_the_registry_costs_the_same_queries_for_few_and_many(
    client, site, registry, settings
):
    # The rendering itself, not the cache of rendered listings (tests/public).
    settings.MENTORING_WAGTAIL_REGISTRY_CACHE_TIMEOUT = 0
    settings.MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT = 0

    def count():
        with CaptureQueriesContext(connection) as captured:
            registry_get(client, registry)
        return len(captured)

    def add(n, start):
        for i in range(n):
            make_order(
                site,
                number=f"{start + i}-ОД",
                title=f"Приказ {start + i}",
                publish=True,
            )
        regulation = make_regulation(site, title=f"Положение {start}")
        programme = MentoringProgramme.objects.create(
            site=site, title=f"Программа {start}", date=TODAY
        )
        publish_obj(programme)
        return regulation

    add(3, 1)
    count()  # warm-up: Wagtail caches the site's root paths on first use
    few = count()
    add(30, 100)
    assert count() == few


def test_other_sites_documents_are_not_listed(client, site, registry):
    from wagtail.models import Page, Site

    other_root = Page.get_first_root_node().add_child(
        title="Другая школа", slug="other"
    )
    other = Site.objects.create(hostname="other.example", root_page=other_root)
    make_order(other, number="1-ОД", title="Чужой приказ", publish=True)
    assert titles(registry_get(client, registry)) == []


def test_synonyms_expand_the_query():
    assert query_words("Наставник, наставляемые!") == ["наставник", "наставляемые"]
    assert "наставничество" in synonyms_for("наставник")
    assert "наставничество" in synonyms_for("наставника")
    assert synonyms_for("педагог") == ["педагог"]
    assert expand_query("") is None


@pytest.mark.postgres
def test_russian_search_with_synonyms_on_postgres(client, site, registry):
    """«наставник» finds the regulation on «наставничество» and the order on
    «наставнических пар» / «наставляемых», which the stemmer keeps apart."""
    assert connection.vendor == "postgresql"
    make_regulation(site, title="Положение о наставничестве")
    make_order(
        site,
        number="1-ОД",
        title="О закреплении наставнических пар",
        summary="",
        publish=True,
    )
    make_order(
        site,
        number="2-ОД",
        title="О назначении куратора",
        summary="Куратор ведёт базу наставляемых",
        publish=True,
    )
    make_order(site, number="3-ОД", title="О питании", summary="", publish=True)
    found = sorted(titles(registry_get(client, registry, q="наставник")))
    assert found == [
        "О закреплении наставнических пар",
        "О назначении куратора",
        "Положение о наставничестве",
    ]
    # Stemming alone: an inflected form finds the base form.
    assert titles(registry_get(client, registry, q="питанию")) == ["О питании"]
    # An inflected form of a synonym key expands too.
    assert sorted(titles(registry_get(client, registry, q="наставничества"))) == found


@pytest.mark.postgres
def test_without_synonyms_the_stemmer_alone_misses(settings, client, site, registry):
    settings.MENTORING_WAGTAIL_SEARCH_SYNONYMS = {}
    make_regulation(site, title="Положение о наставничестве")
    assert titles(registry_get(client, registry, q="наставник")) == []


def test_an_order_page_lists_the_roadmap_it_approves(client, tree):
    from mentoring_wagtail.models import RoadmapPage

    site, section, registry = tree
    order = make_order(
        site, number="21-ОД", title="Об утверждении дорожной карты", publish=True
    )
    roadmap = section.add_child(
        instance=RoadmapPage(
            title="Дорожная карта 2025/2026", slug="roadmap", approved_by_order=order
        )
    )
    response = client.get(registry.url + f"orders/{order.pk}/")
    assert "Дорожная карта 2025/2026" in response.text
    assert roadmap.relative_url(site) in response.text
    roadmap.unpublish()
    response = client.get(registry.url + f"orders/{order.pk}/")
    assert "Дорожная карта 2025/2026" not in response.text


def test_scheduled_publication_reaches_the_registry_only_when_due(
    client, site, registry
):
    from django.core.management import call_command
    from django.utils import timezone

    scan = make_document("Скан", filename="scheduled.pdf")
    order = make_order(
        site, number="30-ОД", title="О плановом приказе", signed_scan=scan
    )
    order.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = order.save_revision()
    revision.publish()
    order.refresh_from_db()
    assert not order.live
    assert titles(registry_get(client, registry)) == []
    # An hour later, as cron runs publish_scheduled:
    revision.refresh_from_db()
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    assert titles(registry_get(client, registry)) == ["О плановом приказе"]

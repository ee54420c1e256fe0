"""The simple electronic signature of a roadmap page, applied by its route."""

import hashlib

import pytest
from django.core.cache import cache
from wagtail.models import PageLogEntry, PageViewRestriction

from mentoring_wagtail.signatures.models import Signature
from mentoring_wagtail.signatures.pages import canonical_content

from ..documents_support import TODAY, make_order, make_site_tree
from ..module_state import built_once
from .page_support import approve_through_route, draft_roadmap, route_users

pytestmark = pytest.mark.django_db

MARK_TEXT = "Документ подписан простой электронной подписью"
VALID = "Подпись действительна"
CHANGED = "Документ изменён после подписания"
MISSING = "Подпись не найдена"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def tree_and_route_users():
    return make_site_tree(), route_users()


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, tree, users = built_once(tree_and_route_users)


@pytest.fixture
def signed(tree, users):
    page = approve_through_route(draft_roadmap(tree[1]), users)
    return page, Signature.objects.for_object(page).get()


def verify(client, registry, key, **params):
    return client.get(f"{registry.url}signature/{key}/", params)


def test_the_directors_approval_signs_the_published_content(signed, users):
    page, signature = signed
    assert page.live
    assert signature.document_id is None
    assert signature.revision_id == page.live_revision_id
    assert signature.signer == users["director"]
    assert signature.signer_name == "Анна Вишнякова"
    assert signature.signer_position == "Директор"
    assert signature.sha256 == hashlib.sha256(canonical_content(page)).hexdigest()
    assert len(signature.key) == 32
    assert PageLogEntry.objects.filter(
        page=page, action="mentoring_wagtail.simple_signature", user=users["director"]
    ).exists()


def test_the_canonical_content_holds_what_visitors_read(signed):
    page, _signature = signed
    content = canonical_content(page).decode("utf-8")
    for part in ("Дорожная карта 2025/2026", "2025/2026", "Провести анкетирование"):
        assert part in content
    assert "import_warnings" not in content  # an editor's note, not published


def test_the_page_shows_the_mark_linking_to_the_check(client, tree, signed):
    _site, _section, registry = tree
    page, signature = signed
    text = client.get(page.url).text
    assert text.count(MARK_TEXT) == 1
    assert f'href="{registry.url}signature/{signature.key}/"' in text
    assert "Анна Вишнякова" in text and "Директор" in text
    assert signature.key in text


def test_the_check_recomputes_the_content_and_offers_it(client, tree, signed):
    registry = tree[2]
    page, signature = signed
    response = verify(client, registry, signature.key)
    assert response.status_code == 200
    assert VALID in response.text and page.title in response.text
    download = verify(client, registry, signature.key, download="content")
    assert download["Content-Type"].startswith("application/json")
    assert hashlib.sha256(download.content).hexdigest() == signature.sha256


def test_content_changed_behind_the_revisions_reads_as_changed(client, tree, signed):
    registry = tree[2]
    page, signature = signed
    type(page).objects.filter(pk=page.pk).update(academic_year="2030/2031")
    assert CHANGED in verify(client, registry, signature.key).text
    assert (
        verify(client, registry, signature.key, download="content").status_code == 404
    )


def test_publishing_without_the_route_removes_the_mark(client, tree, signed):
    registry = tree[2]
    page, signature = signed
    page.academic_year = "2026/2027"
    page.save_revision().publish()
    page.refresh_from_db()
    assert MARK_TEXT not in client.get(page.url).text
    assert CHANGED in verify(client, registry, signature.key).text
    assert Signature.objects.for_object(page).count() == 1  # nothing new signed


def test_approving_again_signs_anew_and_supersedes(client, tree, signed, users):
    registry = tree[2]
    page, first = signed
    page.academic_year = "2026/2027"
    page.save_revision(user=users["curator"])
    page = approve_through_route(page, users)
    first.refresh_from_db()
    second = Signature.objects.for_object(page).current().get()
    assert second.pk != first.pk and second.key != first.key
    assert first.superseded_by == second and first.superseded_at is not None
    text = client.get(page.url).text
    assert second.key in text and first.key not in text
    assert VALID in verify(client, registry, second.key).text
    old = verify(client, registry, first.key).text
    assert CHANGED in old


def test_a_revoked_approving_order_keeps_the_mark_with_the_date(client, tree, signed):
    site = tree[0]
    page, signature = signed
    order = make_order(site, number="21-ОД", publish=True)
    type(page).objects.filter(pk=page.pk).update(approved_by_order=order)
    revoked_on = TODAY
    type(order).objects.filter(pk=order.pk).update(revoked_on=revoked_on)
    text = client.get(page.url).text
    assert MARK_TEXT in text and signature.key in text
    assert f"утратил силу с {revoked_on:%d.%m.%Y}" in text


def test_a_restricted_pages_key_reads_like_a_wrong_one(client, tree, signed):
    registry = tree[2]
    page, signature = signed
    wrong = verify(client, registry, "a" * 32)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    hidden = verify(client, registry, signature.key)
    assert hidden.status_code == wrong.status_code == 404
    assert MISSING in hidden.text and page.title not in hidden.text


def test_a_page_published_directly_is_not_signed(tree, users):
    page = draft_roadmap(tree[1])
    page.save_revision(user=users["director"]).publish(user=users["director"])
    assert not Signature.objects.for_object(page).exists()


def test_other_sites_registry_does_not_verify_the_page(client, tree, signed):
    from wagtail.models import Page, Site

    from mentoring_wagtail.models import DocumentRegistryPage, MentoringIndexPage

    _page, signature = signed
    home = Page.get_first_root_node().add_child(title="Другая", slug="other")
    Site.objects.create(hostname="other.example", root_page=home)
    section = home.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )
    other = section.add_child(
        instance=DocumentRegistryPage(title="Документы", slug="documents")
    )
    response = client.get(
        f"/mentoring/documents/signature/{signature.key}/",
        HTTP_HOST="other.example",
    )
    assert response.status_code == 404 and other.pk


def test_the_gost_digest_of_the_content_is_computed_in_a_task(
    tree, users, django_capture_on_commit_callbacks
):
    from gostcrypto import gosthash

    with django_capture_on_commit_callbacks(execute=True):
        page = approve_through_route(draft_roadmap(tree[1]), users)
    signature = Signature.objects.for_object(page).get()
    content = canonical_content(page)
    assert signature.streebog256 == (
        gosthash.new("streebog256", data=content).hexdigest()
    )


def test_a_preview_of_a_draft_shows_no_mark(client, signed):
    page, signature = signed
    page.academic_year = "2026/2027"
    page.save_revision()
    draft = page.get_latest_revision_as_object()
    preview = draft.make_preview_request()
    preview.render()
    text = preview.content.decode()
    assert "2026/2027" in text
    assert signature.key not in text
    assert signature.key in client.get(page.url).text  # the live page keeps it


def test_a_publication_scheduled_for_later_is_not_signed(client, signed, users):
    import datetime

    from django.utils import timezone

    page, first = signed
    page.intro = "<p>Опубликовано без маршрута</p>"
    page.save_revision(user=users["director"]).publish(user=users["director"])
    page.refresh_from_db()
    unsigned_live = page.live_revision_id
    page.academic_year = "2026/2027"
    page.go_live_at = timezone.now() + datetime.timedelta(days=3)
    page.save_revision(user=users["curator"])
    page = approve_through_route(page, users)
    # The approved revision waits; the live one was never approved: no signature.
    assert page.live_revision_id == unsigned_live != page.latest_revision_id
    assert list(Signature.objects.for_object(page)) == [first]
    assert MARK_TEXT not in client.get(page.url).text

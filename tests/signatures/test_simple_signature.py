"""The simple electronic signature (ПЭП): recorded, shown, checked, superseded."""

import datetime
import hashlib
import re

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import override_settings
from gostcrypto import gosthash
from wagtail.models import ModelLogEntry

from mentoring_wagtail.signatures.models import Signature
from mentoring_wagtail.signatures.signing import sign

from ..documents_support import (
    TODAY,
    make_document,
    make_order,
    make_site_tree,
    pdf_bytes,
)
from .support import director, signed_order

pytestmark = pytest.mark.django_db

MARK_TEXT = "Документ подписан простой электронной подписью"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tree():
    return make_site_tree()


@pytest.fixture
def site(tree):
    return tree[0]


@pytest.fixture
def registry(tree):
    return tree[2]


def stored_bytes(document):
    with document.file.open("rb") as handle:
        return handle.read()


def test_signature_records_signer_file_digests_and_a_secret_key(
    site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order, signature = signed_order(site)
    signature.refresh_from_db()  # the GOST digest is computed in a task
    data = stored_bytes(order.signed_scan)
    assert signature.signer_name == "Анна Вишнякова"
    assert signature.signer_position == "Директор"
    assert signature.document == order.signed_scan
    assert signature.sha256 == hashlib.sha256(data).hexdigest()
    assert signature.streebog256 == gosthash.new("streebog256", data=data).hexdigest()
    assert re.fullmatch(r"[a-z2-7]{32}", signature.key)  # 160 bits, base32
    assert ModelLogEntry.objects.filter(
        object_id=str(order.pk), action="mentoring_wagtail.simple_signature"
    ).exists()


def test_same_file_signed_twice_gives_unrelated_keys(site):
    data = pdf_bytes("Одинаковый файл")
    keys = set()
    for number in ("1-ОД", "2-ОД"):
        order = make_order(
            site, number=number, signed_scan=make_document(number, data=data)
        )
        keys.add(sign(order, director()).key)
    assert len(keys) == 2


def test_key_depends_on_the_server_secret(site):
    order, first = signed_order(site)
    from mentoring_wagtail.signatures.keys import signature_key

    args = (
        f"{first.content_type_id}:{order.pk}",
        first.document_id,
        first.sha256,
        first.signed_at,
        first.nonce,
    )
    assert signature_key(*args) == first.key
    with override_settings(MENTORING_WAGTAIL_SIGNATURE_SECRET="другой секрет"):
        assert signature_key(*args) != first.key


def test_signing_the_same_file_again_keeps_the_signature(site):
    order, signature = signed_order(site)
    assert sign(order, director()) == signature
    assert Signature.objects.count() == 1


def test_the_director_approving_the_sign_off_step_signs_the_scan(mentoring_section):
    from ..approvals.test_workflow_order_route import add_scan_and_number, submit
    from ..approvals_support import setup_roles

    users = setup_roles()
    order = make_order(number="", live=False)
    order.save_revision(user=users["secretary"])
    submit(order, users["secretary"])
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, users["curator"], "approve"
    )
    order.refresh_from_db()
    add_scan_and_number(order, users["secretary"])
    order.refresh_from_db()
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, users["director"], "approve"
    )
    order.refresh_from_db()
    signature = Signature.objects.for_object(order).get()
    assert signature.signer == users["director"]
    assert signature.document_id == order.signed_scan_id
    assert signature.sign_off is not None


def test_registry_listing_and_record_show_the_mark(client, site, registry):
    order, signature = signed_order(site)
    make_order(site, number="2-ОД", title="Без подписи", publish=True)
    listing = client.get(registry.url).text
    assert listing.count(MARK_TEXT) == 1
    assert signature.key in listing
    assert f"{registry.url}signature/{signature.key}/" in listing
    assert "Анна Вишнякова" in listing and "Директор" in listing
    assert signature.signed_at.astimezone().strftime("%d.%m.%Y") in listing
    record = client.get(f"{registry.url}orders/{order.pk}/").text
    assert MARK_TEXT in record and signature.key in record


def test_verification_page_recomputes_the_digest(client, site, registry):
    order, signature = signed_order(site)
    page = client.get(f"{registry.url}signature/{signature.key}/")
    assert page.status_code == 200
    assert "Подпись действительна" in page.text
    assert signature.sha256 in page.text and "Анна Вишнякова" in page.text
    # The bytes change behind Wagtail's back (same document, same file name).
    document = order.signed_scan
    with document.file.storage.open(document.file.name, "wb") as handle:
        handle.write(pdf_bytes("Подменённый"))
    page = client.get(f"{registry.url}signature/{signature.key}/")
    assert "Документ изменён после подписания" in page.text


def test_wrong_key_reads_the_same_as_an_unpublished_records_key(client, site, registry):
    order, signature = signed_order(site)
    order.unpublish()
    unpublished = client.get(f"{registry.url}signature/{signature.key}/")
    wrong = client.get(f"{registry.url}signature/{'a' * 32}/")
    assert unpublished.status_code == wrong.status_code == 404
    # The same page but for the address itself (in the low-vision switch link).
    assert unpublished.text.replace(signature.key, "K") == wrong.text.replace(
        "a" * 32, "K"
    )
    assert "Подпись не найдена" in wrong.text
    assert "Анна Вишнякова" not in unpublished.text


def test_checks_are_rate_limited_per_address(client, site, registry):
    url = f"{registry.url}signature/{'b' * 32}/"
    codes = [client.get(url).status_code for _ in range(31)]
    assert codes[:30] == [404] * 30 and codes[30] == 429
    other = client.get(url, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 404


def test_replacing_the_scan_hides_the_mark_and_logs_who_did(client, site, registry):
    from ..approvals_support import make_user

    order, old = signed_order(site)
    secretary = make_user("secretary2")
    order.signed_scan = make_document("Новый скан", data=pdf_bytes("Новый"))
    order.save_revision(user=secretary).publish()
    listing = client.get(registry.url).text
    assert MARK_TEXT not in listing
    entry = ModelLogEntry.objects.get(
        object_id=str(order.pk), action="mentoring_wagtail.signed_file_replaced"
    )
    assert entry.user == secretary
    assert (
        "Документ изменён после подписания"
        in client.get(f"{registry.url}signature/{old.key}/").text
    )
    # Signing again: a new signature, the old one superseded, nothing deleted.
    new = sign(Order_fresh(order), director())
    old.refresh_from_db()
    assert new.key != old.key and old.superseded_by == new and old.superseded_at
    assert Signature.objects.count() == 2
    assert new.key in client.get(registry.url).text


def Order_fresh(order):  # noqa: N802
    return type(order).objects.get(pk=order.pk)


def test_a_file_replaced_in_the_documents_section_hides_the_mark(
    client, admin_client, site, registry
):
    order, signature = signed_order(site)
    document = order.signed_scan
    from django.urls import reverse

    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "collection": document.collection_id,
            "file": ContentFile(pdf_bytes("Другой файл"), name="other.pdf"),
        },
    )
    assert response.status_code == 302
    assert MARK_TEXT not in client.get(registry.url).text
    entry = ModelLogEntry.objects.get(
        object_id=str(order.pk), action="mentoring_wagtail.signed_file_replaced"
    )
    assert entry.user.is_superuser


def test_revoked_document_keeps_the_mark_with_lapsed_date(client, site, registry):
    order, signature = signed_order(site)
    type(order).objects.filter(pk=order.pk).update(
        revoked_on=TODAY - datetime.timedelta(days=1)
    )
    listing = client.get(registry.url).text
    assert MARK_TEXT in listing
    expected = (TODAY - datetime.timedelta(days=1)).strftime("%d.%m.%Y")
    assert f"утратил силу с {expected}" in listing


def listing_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # the registry's own listing cache
    with CaptureQueriesContext(connection) as captured:
        text = client.get(url).text
    return len(captured), text.count(MARK_TEXT)


def add_orders(site, start, count):
    return [
        make_order(
            site,
            number=f"{n}-ОД",
            publish=True,
            signed_scan=make_document(f"{n}", data=pdf_bytes(str(n))),
        )
        for n in range(start, start + count)
    ]


@pytest.mark.parametrize("count", [2, 20])
def test_listing_with_marks_costs_the_queries_of_the_listing_without_them(
    client, site, registry, monkeypatch, count
):
    """N and 10·N documents, signed, unsigned, and with the feature switched
    off: the same number of queries every time (the marks come in the
    listing's own query)."""
    from mentoring_wagtail.documents import listing_columns

    registry.per_page = 50
    registry.save_revision().publish()
    orders = add_orders(site, 0, count)
    client.get(registry.url)  # warm caches (content types, site)
    unsigned, shown = listing_queries(client, registry.url)
    assert shown == 0
    for order in orders:
        sign(order, director())
    signed, shown = listing_queries(client, registry.url)
    assert shown == count
    with monkeypatch.context() as patched:
        patched.setattr(listing_columns, "_COLUMNS", [])
        without_feature, shown = listing_queries(client, registry.url)
    assert shown == 0
    assert signed == unsigned == without_feature
    record_url = f"{registry.url}orders/{orders[0].pk}/"
    with_mark, shown = listing_queries(client, record_url)
    assert shown == 1
    with monkeypatch.context() as patched:
        patched.setattr(listing_columns, "_COLUMNS", [])
        without_mark, shown = listing_queries(client, record_url)
    assert (with_mark, shown) == (without_mark, 0)


def test_listing_queries_do_not_grow_with_the_number_of_signed_documents(
    client, site, registry
):
    registry.per_page = 50
    registry.save_revision().publish()
    for order in add_orders(site, 0, 4):
        sign(order, director())
    client.get(registry.url)
    few, shown = listing_queries(client, registry.url)
    assert shown == 4
    for order in add_orders(site, 4, 36):
        sign(order, director())
    many, shown = listing_queries(client, registry.url)
    assert (many, shown) == (few, 40)

"""The registry listing is rendered once per change, and never shown stale."""

import datetime

import pytest
from demo.school import DEMO_USERS
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.actions.unpublish import UnpublishAction
from wagtail.models import CollectionViewRestriction

from mentoring_wagtail.documents.registry import DocumentRegistryPage
from mentoring_wagtail.documents.revocation import revoke
from mentoring_wagtail.models import Order

pytestmark = pytest.mark.django_db


def listing(client, **params):
    registry = DocumentRegistryPage.objects.live().get()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(registry.url, params)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def director():
    return get_user_model().objects.get(username=DEMO_USERS["director"])


def newest_order():
    return Order.objects.filter(live=True).order_by("-date", "-pk").first()


def test_a_repeated_listing_is_served_from_the_cache(demo_site, client):
    first, first_queries = listing(client)
    again, again_queries = listing(client)
    assert again == first
    assert again_queries < first_queries
    other_page, _queries = listing(client, type="orders")
    assert other_page != first


def test_signed_in_users_get_a_fresh_listing(demo_site, client):
    registry = DocumentRegistryPage.objects.live().get()
    client.get(registry.url)
    assert client.get(registry.url).context is None  # from the cache
    client.force_login(director())
    for _attempt in range(2):
        assert client.get(registry.url).context["documents"]  # rendered


def test_withdrawing_a_record_shows_at_once(demo_site, client):
    order = newest_order()
    assert order.title in listing(client)[0]
    UnpublishAction(order, user=director()).execute(skip_permission_checks=True)
    assert order.title not in listing(client)[0]


def test_revoking_a_record_shows_at_once(demo_site, client):
    order = newest_order()
    before, _queries = listing(client)
    revoke(order, revoked_on=datetime.date(2026, 1, 1), user=director())
    after, _queries = listing(client)
    assert after != before
    assert str(order.revoked_label) in after


def test_making_files_private_shows_at_once(demo_site, client):
    order = newest_order()
    assert order.title in listing(client)[0]
    CollectionViewRestriction.objects.create(
        collection=order.signed_scan.collection,
        restriction_type=CollectionViewRestriction.LOGIN,
    )
    assert order.title not in listing(client)[0]


def record_page(client, order):
    registry = DocumentRegistryPage.objects.live().get()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(registry.document_url(order))
    return response, len(queries)


def test_a_record_page_is_cached_until_the_record_changes(demo_site, client):
    order = newest_order()
    first, first_queries = record_page(client, order)
    again, again_queries = record_page(client, order)
    assert again.content == first.content and again_queries < first_queries
    other, _queries = record_page(client, Order.objects.filter(live=True).last())
    assert other.content != first.content
    UnpublishAction(order, user=director()).execute(skip_permission_checks=True)
    assert record_page(client, order)[0].status_code == 404

"""Publishing, withdrawing or revoking a record purges every page showing it.

Purges go through Wagtail's front-end cache mechanism, here with a backend
that records the URLs. The example site (these tests' settings) does not
install ``wagtail.contrib.frontend_cache``: configuring a backend is enough,
and without one the same actions work and purge nothing.
"""

import datetime

import pytest
from demo.school import DEMO_USERS
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import override_settings

from mentoring_wagtail.documents.registry import DocumentRegistryPage
from mentoring_wagtail.documents.revocation import revoke
from mentoring_wagtail.models import Order, RoadmapPage
from mentoring_wagtail.public.cache_purge import citing_pages

from .recording_backend import FRONTEND_CACHE_SETTINGS, RecordingBackend

pytestmark = pytest.mark.django_db

BASE = "http://localhost"


@pytest.fixture
def recorded(demo_site):
    RecordingBackend.purged = []
    with override_settings(WAGTAILFRONTENDCACHE=FRONTEND_CACHE_SETTINGS):
        yield RecordingBackend.purged


def director():
    return get_user_model().objects.get(username=DEMO_USERS["director"])


def pages_showing(record):
    registry = DocumentRegistryPage.objects.live().get()
    section = registry.get_mentoring_section()
    urls = {
        BASE + registry.url,
        BASE + registry.document_url(record),
        BASE + section.url,
    }
    return urls | {BASE + page.url for page in citing_pages(record)}


def cited_order():
    for order in Order.objects.filter(live=True):
        if any(isinstance(p.specific, RoadmapPage) for p in citing_pages(order)):
            return order
    raise AssertionError("the demo roadmap cites a published order")


def test_publishing_a_record_purges_registry_and_section(
    recorded, django_capture_on_commit_callbacks
):
    order = Order.objects.get(live=False)
    with django_capture_on_commit_callbacks(execute=True):
        order.save_revision(user=director()).publish(
            user=director(), skip_permission_checks=True
        )
    assert pages_showing(order) <= set(recorded)


def test_withdrawing_a_cited_record_purges_the_roadmap(
    recorded, django_capture_on_commit_callbacks
):
    from wagtail.actions.unpublish import UnpublishAction

    order = cited_order()
    roadmap_urls = {BASE + page.url for page in citing_pages(order)}
    with django_capture_on_commit_callbacks(execute=True):
        UnpublishAction(order, user=director()).execute(skip_permission_checks=True)
    assert roadmap_urls and roadmap_urls <= set(recorded)
    assert pages_showing(order) <= set(recorded)


def test_revoking_purges_every_page_showing_the_record(
    recorded, django_capture_on_commit_callbacks
):
    order = cited_order()
    with django_capture_on_commit_callbacks(execute=True):
        revoke(order, revoked_on=datetime.date(2026, 1, 1), user=director())
    assert pages_showing(order) <= set(recorded)


def test_publishing_a_roadmap_purges_it_and_its_section(
    recorded, django_capture_on_commit_callbacks
):
    roadmap = RoadmapPage.objects.live().get()
    with django_capture_on_commit_callbacks(execute=True):
        roadmap.save_revision(user=director()).publish(
            user=director(), skip_permission_checks=True
        )
    section = roadmap.get_mentoring_section()
    assert {BASE + roadmap.url, BASE + section.url} <= set(recorded)


def test_without_a_frontend_cache_nothing_is_purged_and_nothing_breaks(
    demo_site, client, django_capture_on_commit_callbacks
):
    assert not apps.is_installed("wagtail.contrib.frontend_cache")
    RecordingBackend.purged = []
    order = cited_order()
    with django_capture_on_commit_callbacks(execute=True):
        revoke(order, revoked_on=datetime.date(2026, 1, 1), user=director())
    assert RecordingBackend.purged == []
    order.refresh_from_db()
    assert order.revoked_on == datetime.date(2026, 1, 1)
    registry = DocumentRegistryPage.objects.live().get()
    assert client.get(registry.document_url(order)).status_code == 200

"""The section's pages are rendered once per change for anonymous visitors.

Every page of every section page type in the demo and every record's page in
the registry is tried, so page types added by other apps are covered too.
"""

import datetime
import re

import pytest
from demo.school import DEMO_USERS
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from mentoring_wagtail.section.site_settings import OrganisationSettings

from .public_site import public_record_paths, public_section_pages

pytestmark = pytest.mark.django_db


def public_paths(site):
    return [page.url for page in public_section_pages(site)] + public_record_paths(site)


ROUTING = re.compile(
    r'"wagtailcore_(site|page|pageviewrestriction)"|"mentoring_\w*page"'
)


def fetch(client, path):
    """The answer, and whether it came from the page cache: nothing was read
    but what Wagtail's routing and view restrictions read."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, all(ROUTING.search(query["sql"]) for query in queries)


def rendered(client, path):
    return not fetch(client, path)[1]


def test_a_repeated_page_comes_from_the_cache_unchanged(demo_site, client):
    paths = public_paths(demo_site)
    for path in paths:
        client.get(path)  # the site's settings row is made on the first visit
    for path in paths:
        first = client.get(path)
        again, from_cache = fetch(client, path)
        assert again.status_code == 200, path
        assert from_cache, path
        assert again.content == first.content, path
        assert again["Content-Type"] == first["Content-Type"], path
        assert again["Cache-Control"] == first["Cache-Control"], path


def test_any_change_is_shown_on_the_next_request(demo_site, client):
    paths = public_paths(demo_site)
    for path in paths:
        client.get(path)
    settings_row = OrganisationSettings.for_site(demo_site)
    settings_row.full_name = "Школа с новым названием"
    settings_row.short_name = "Школа с новым названием"
    settings_row.save()
    for path in paths:
        response, from_cache = fetch(client, path)
        assert not from_cache, path
        assert "Школа с новым названием" in response.content.decode(), path


def test_a_withdrawn_consent_takes_the_portfolio_down_at_once(demo_site, client):
    from mentoring_wagtail.portfolios.models import MentorPortfolioPage

    portfolio = MentorPortfolioPage.objects.live().first()
    index = portfolio.get_parent()
    name = portfolio.mentor.person.last_name
    for _visit in range(2):
        assert client.get(portfolio.url).status_code == 200
        assert name in client.get(index.url).content.decode()
    for consent in portfolio.mentor.person.consents.all():
        consent.withdrawn_on = timezone.localdate()
        consent.save()
    assert client.get(portfolio.url).status_code == 404
    assert name not in client.get(index.url).content.decode()


def test_view_restrictions_are_checked_before_the_cache(demo_site, client):
    section = public_section_pages(demo_site)[0]
    for _visit in range(2):
        assert client.get(section.url).status_code == 200
    # No signal, no new version: only Wagtail's own check can refuse now.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=section, restriction_type="login")]
    )
    response = client.get(section.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_drafts_leave_the_cached_page_alone(demo_site, client):
    section = public_section_pages(demo_site)[0]
    for _visit in range(2):
        client.get(section.url)
    section.title = "Черновик заголовка"
    section.save_revision()
    response, from_cache = fetch(client, section.url)
    assert from_cache
    assert "Черновик заголовка" not in response.content.decode()


def test_signed_in_and_low_vision_visitors_get_fresh_pages(demo_site, client):
    paths = public_paths(demo_site)
    for path in paths:
        client.get(path)
        client.get(path)
    client.cookies["mentoring_low_vision"] = "1"
    for path in paths:
        response, from_cache = fetch(client, path)
        assert not from_cache, path
        assert "mentoring-low-vision" in response.content.decode(), path
    del client.cookies["mentoring_low_vision"]
    client.force_login(get_user_model().objects.get(username=DEMO_USERS["curator"]))
    for path in paths:
        response, from_cache = fetch(client, path)
        assert not from_cache, path
        assert "wagtail-userbar" in response.content.decode(), path
    client.logout()
    for path in paths:
        response, from_cache = fetch(client, path)
        assert from_cache, path
        assert "wagtail-userbar" not in response.content.decode(), path


def test_a_new_day_renders_again(demo_site, client, monkeypatch):
    paths = public_paths(demo_site)
    for path in paths:
        client.get(path)
        client.get(path)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(
        "mentoring_wagtail.public.page_cache.timezone.localdate", lambda: tomorrow
    )
    for path in paths:
        assert rendered(client, path), path


def test_the_cache_can_be_turned_off(demo_site, client, settings):
    settings.MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT = 0
    for path in public_paths(demo_site):
        client.get(path)
        assert rendered(client, path), path

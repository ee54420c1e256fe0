"""The page cache before routing (``PageCacheMiddleware``, opt-in).

A hit makes no query at all: neither Wagtail's routing nor its view
restrictions run. Everything that may differ by visitor keeps the full path.
"""

import datetime

import pytest
from demo.school import DEMO_USERS
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.actions.unpublish import UnpublishAction
from wagtail.models import PageViewRestriction

from mentoring_wagtail.documents.registry import DocumentRegistryPage
from mentoring_wagtail.documents.revocation import revoke
from mentoring_wagtail.models import Order

from .public_site import public_record_paths, public_section_pages

pytestmark = pytest.mark.django_db

MIDDLEWARE_PATH = "mentoring_wagtail.public.middleware.PageCacheMiddleware"
POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"


class NonceMiddleware:
    """A site's CSP middleware with a fresh nonce on every answer (below ours)."""

    counter = 0

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        NonceMiddleware.counter += 1
        response.headers["Content-Security-Policy"] = (
            f"script-src 'self' 'nonce-n{NonceMiddleware.counter}'"
        )
        return response


def with_fast_path(middleware):
    middleware = list(middleware)
    at = middleware.index("django.middleware.locale.LocaleMiddleware") + 1
    return [*middleware[:at], MIDDLEWARE_PATH, *middleware[at:]]


@pytest.fixture
def fast(settings):
    settings.MIDDLEWARE = with_fast_path(settings.MIDDLEWARE)
    settings.MENTORING_TEST_CSP = POLICY
    return Client()


def director():
    return get_user_model().objects.get(username=DEMO_USERS["director"])


def fetch(client, path, **extra):
    """The answer, and how many queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    return response, len(queries)


def warm(client, path):
    client.get(path)  # the site's settings row may be made on the first visit
    client.get(path)


def public_paths(site):
    return [page.url for page in public_section_pages(site)] + public_record_paths(site)


def test_a_hit_runs_no_query_and_keeps_the_headers(
    demo_site, fast, django_assert_num_queries
):
    paths = public_paths(demo_site)
    for path in paths:
        fast.get(path)  # the site's settings row is made on the first visit
    for path in paths:
        rendered = fast.get(path)
        with django_assert_num_queries(0):
            hit = fast.get(path)
        assert hit.status_code == 200, path
        assert hit.content == rendered.content, path
        for header in (
            "Content-Type",
            "Cache-Control",
            "Vary",
            "Content-Security-Policy",
            "X-Frame-Options",
            "Content-Language",
        ):
            assert hit.get(header) == rendered.get(header), (path, header)
        assert "public" in hit["Cache-Control"], path
        assert "Cookie" in hit["Vary"], path
        assert hit["Content-Security-Policy"] == POLICY, path
        assert "Set-Cookie" not in hit.headers, path


def test_head_is_answered_from_the_fast_path(
    demo_site, fast, django_assert_num_queries
):
    path = public_section_pages(demo_site)[0].url
    warm(fast, path)
    with django_assert_num_queries(0):
        response = fast.head(path)
    assert response.status_code == 200


def test_a_query_string_keeps_the_full_path(demo_site, fast):
    path = public_section_pages(demo_site)[0].url
    for _visit in range(3):
        response, queries = fetch(fast, path + "?utm_source=mail")
        assert response.status_code == 200
    assert queries > 0


def test_a_restricted_page_is_never_answered_from_the_fast_path(demo_site, fast):
    section = public_section_pages(demo_site)[0]
    warm(fast, section.url)
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type="password", password="секрет"
    )
    for _visit in range(3):
        response, queries = fetch(fast, section.url)
        assert queries > 0
        assert response.status_code == 200
        assert b'name="password"' in response.content
        assert "no-store" in response["Cache-Control"]
    restriction.restriction_type = "login"
    restriction.save()
    for _visit in range(3):
        response, queries = fetch(fast, section.url)
        assert queries > 0
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_a_page_below_a_restricted_one_is_never_stored(demo_site, fast):
    section = public_section_pages(demo_site)[0]
    child = section.get_children().live().first()
    assert child is not None, "the demo section has pages"
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    for _visit in range(3):
        response, queries = fetch(fast, child.url)
        assert queries > 0
        assert response.status_code == 302


def test_signed_in_and_low_vision_visitors_keep_the_full_path(demo_site, fast):
    path = public_section_pages(demo_site)[0].url
    warm(fast, path)
    fast.cookies["mentoring_low_vision"] = "1"
    response, queries = fetch(fast, path)
    assert queries > 0
    assert b"mentoring--low-vision" in response.content
    del fast.cookies["mentoring_low_vision"]
    fast.force_login(get_user_model().objects.get(username=DEMO_USERS["curator"]))
    for _visit in range(2):
        response, queries = fetch(fast, path)
        assert queries > 0
        assert b"wagtail-userbar" in response.content
        assert "private" in response["Cache-Control"]
    fast.logout()
    fast.cookies.pop("sessionid", None)
    warm(fast, path)
    response, queries = fetch(fast, path)
    assert queries == 0
    assert b"wagtail-userbar" not in response.content
    assert b"mentoring--low-vision" not in response.content


def test_a_page_with_a_nonce_is_never_replayed(demo_site, fast, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.NonceMiddleware"]
    settings.MENTORING_TEST_CSP = ""  # the nonce's policy is the one sent
    client = Client()
    path = public_section_pages(demo_site)[0].url
    policies = set()
    for _visit in range(3):
        response, queries = fetch(client, path)
        assert queries > 0
        policies.add(response["Content-Security-Policy"])
    assert len(policies) == 3


def test_djangos_own_policy_is_sent_fresh_on_a_hit(
    demo_site, settings, django_assert_num_queries
):
    """Django 6's CSP middleware above ours: a hit gets its header, no stale nonce."""
    pytest.importorskip("django.middleware.csp")
    from django.utils.csp import CSP

    settings.SECURE_CSP = {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF, CSP.NONCE],
    }
    settings.MENTORING_TEST_CSP = ""
    middleware = with_fast_path(settings.MIDDLEWARE)
    at = middleware.index("django.middleware.security.SecurityMiddleware") + 1
    middleware.insert(at, "django.middleware.csp.ContentSecurityPolicyMiddleware")
    settings.MIDDLEWARE = middleware
    client = Client()
    path = public_section_pages(demo_site)[0].url
    warm(client, path)
    rendered = client.get(path)
    with django_assert_num_queries(0):
        hit = client.get(path)
    assert hit.content == rendered.content
    assert hit["Content-Security-Policy"] == rendered["Content-Security-Policy"]
    assert "'nonce-" not in hit["Content-Security-Policy"]
    assert b"nonce=" not in hit.content


def test_a_published_change_is_served_at_once(demo_site, fast):
    section = public_section_pages(demo_site)[0]
    warm(fast, section.url)
    section.title = "Новый заголовок раздела"
    section.save_revision(user=director()).publish(
        user=director(), skip_permission_checks=True
    )
    response, queries = fetch(fast, section.url)
    assert queries > 0
    assert "Новый заголовок раздела" in response.content.decode()


def test_an_unpublished_page_is_gone_at_once(demo_site, fast):
    section = public_section_pages(demo_site)[0]
    child = section.get_children().live().specific().first()
    warm(fast, child.url)
    UnpublishAction(child, user=director()).execute(skip_permission_checks=True)
    assert fast.get(child.url).status_code == 404


def test_a_revocation_is_shown_at_once(demo_site, fast):
    order = Order.objects.filter(live=True, revoked_on__isnull=True).first()
    registry = DocumentRegistryPage.objects.live().first()
    path = registry.document_url(order)
    warm(fast, path)
    assert b"registry__revocation" not in fast.get(path).content
    revoke(order, revoked_on=datetime.date(2026, 1, 1), user=director())
    response, queries = fetch(fast, path)
    assert queries > 0
    assert b"registry__revocation" in response.content


def test_a_withdrawn_consent_takes_the_portfolio_down_at_once(demo_site, fast):
    from mentoring_wagtail.portfolios.models import MentorPortfolioPage

    portfolio = MentorPortfolioPage.objects.live().first()
    index = portfolio.get_parent()
    name = portfolio.mentor.person.last_name
    warm(fast, portfolio.url)
    warm(fast, index.url)
    assert fetch(fast, portfolio.url)[1] == 0
    assert name in fast.get(index.url).content.decode()
    for consent in portfolio.mentor.person.consents.all():
        consent.withdrawn_on = timezone.localdate()
        consent.save()
    assert fast.get(portfolio.url).status_code == 404
    assert name not in fast.get(index.url).content.decode()


MALFORMED = [
    ("/%ff%fe/", "localhost"),
    ("/%00/", "localhost"),
    ("/" + "очень-длинный/" * 200, "localhost"),
    ("/", "bad host!"),
    ("/", "localhost:notaport"),
    ("/", "x" * 300),
]


def test_a_malformed_path_or_host_is_no_error(db, fast):
    for path, host in MALFORMED:
        for _visit in range(3):
            response = fast.get(path, HTTP_HOST=host)
            assert response.status_code in (200, 301, 400, 404), (path, host)


def test_the_fast_path_can_be_turned_off(demo_site, fast, settings):
    settings.MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT = 0
    path = public_section_pages(demo_site)[0].url
    warm(fast, path)
    assert fetch(fast, path)[1] > 0

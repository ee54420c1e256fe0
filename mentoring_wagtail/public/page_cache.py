"""The section's pages as anonymous visitors see them, rendered once per change.

A crowd reads the same published pages; building them (a roadmap's table,
the indicators, portfolios, the registry) costs far more than serving a plain
page. So a response that the section already labels as the same for every
anonymous visitor (``Cache-Control: public``, see :mod:`.cache_headers`) is
kept in Django's cache and served again until something changes.

The key holds the site-wide content version
(:mod:`mentoring_wagtail.cache_version`, moved by :mod:`.version`: any saved,
deleted or linked row moves it), the page and its live revision, today's date
(statuses such as «просрочено» or «утратил силу» turn with the calendar), the
language, the host, the path and the query string, the package's version
and its settings. Everything Wagtail checks before a page is served still runs on
every request: routing and view restrictions. Signed-in users, the version for
the visually impaired, previews, forms (a CSRF token) and anything setting a
cookie are never taken from or put into the cache.
``MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT`` = 0 turns it off.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from .. import __version__
from ..cache_version import current_version
from ..conf import get_setting
from ..section import low_vision
from .cache_headers import apply_cache_headers, is_mentoring_page

KEY_PREFIX = "mentoring_wagtail:page:"
SETTINGS_PREFIX = "MENTORING_WAGTAIL_"
# Headers of the stored answer worth keeping; the middleware adds the rest.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Cache-Control", "Vary")


def may_use_cache(page, request):
    return (
        request.method == "GET"
        and page.live
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
        and not low_vision.is_on(request)
    )


def settings_digest():
    """The package's settings the page is rendered under (a restart may change them)."""
    return repr(
        [
            (name, getattr(settings, name))
            for name in dir(settings)
            if name.startswith(SETTINGS_PREFIX)
        ]
    )


def cache_key(page, request, version):
    parts = [
        str(version),
        __version__,  # an upgrade may change the templates
        settings_digest(),
        str(page.pk),
        str(page.live_revision_id),
        timezone.localdate().isoformat(),
        get_language() or "",
        request.get_host(),
        request.path,
        request.GET.urlencode(),
    ]
    return KEY_PREFIX + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def is_storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and "public" in response.get("Cache-Control", "")
    )


def serve_from_cache(page, request, render):
    """``render()``'s response, or the one stored for the same page and state."""
    timeout = get_setting("PUBLIC_PAGE_CACHE_TIMEOUT")
    if not timeout or not may_use_cache(page, request):
        return render()
    version = current_version()
    if version is None:  # a dummy cache keeps nothing
        return render()
    key = cache_key(page, request, version)
    stored = cache.get(key)
    if stored is not None:
        content, headers = stored
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response
    response = apply_cache_headers(page, request, render())
    if hasattr(response, "render") and not response.is_rendered:
        response.render()  # runs the labelling that waits for the template
    if is_storable(response):
        headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
        cache.set(key, (response.content, headers), timeout)
    return response


def page_cache_on_serve(next_serve_page):
    """``on_serve_page`` hook for the section's pages (see the module)."""

    def serve(page, request, args, kwargs):
        if not is_mentoring_page(page):
            return next_serve_page(page, request, args, kwargs)
        return serve_from_cache(
            page, request, lambda: next_serve_page(page, request, args, kwargs)
        )

    return serve

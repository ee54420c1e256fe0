"""The section's public pages answered before Wagtail's routing (opt-in).

:mod:`.page_cache` still runs Wagtail's routing and view restrictions on every
hit. :class:`.middleware.PageCacheMiddleware` answers earlier: an anonymous
GET or HEAD of a path without a query string, from a visitor carrying none of
the cookies that change a page (the session's, the messages', the version for
the visually impaired) and no ``Authorization`` header, is looked up in
Django's cache under the host, the path, the language, the day, the package's
version and settings and the shared content version
(:mod:`mentoring_wagtail.cache_version`); a stored answer is returned with
no query at all.

What is stored is decided on the finished answer. The ``on_serve_page`` hook
(:func:`mark_on_serve`) notes which page a looked-up request was served;
the middleware keeps the answer only if that page is a live page of the
section, not one answered through personal links (questionnaires), without
any view restriction on it or above it, and the answer a 200 HTML page
labelled ``Cache-Control: public`` by :mod:`.cache_headers` (so not the
version for the visually impaired, not a signed-in user's, not a page with a
form's CSRF token) that sets no cookie and uses no Content-Security-Policy
nonce: a nonce replayed from the cache
would be stale, so such a page keeps the full path. Every header the answer
had below the middleware is kept (the policy, ``Vary``, ``X-Frame-Options``).

Purging is the content version moving on: publishing, unpublishing, a
revocation, a consent withdrawn, a view restriction saved in the admin — any
row saved through the ORM (:mod:`.version`). A restriction written behind the
signals' back (``bulk_create``, raw SQL) is not seen until the version moves
or the entry times out (``PUBLIC_PAGE_CACHE_TIMEOUT``); the full path would
enforce it at once.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from .. import __version__
from ..cache_version import current_version
from ..conf import get_setting
from ..section.low_vision import COOKIE as LOW_VISION_COOKIE
from .cache_headers import is_mentoring_page

KEY_PREFIX = "mentoring_wagtail:fastpage:"
SETTINGS_PREFIX = "MENTORING_WAGTAIL_"
# Set by the middleware on a request it looked up, then by the hook to the page served.
LOOKED_UP = "_mentoring_page_cache_looked_up"
MARK = "_mentoring_page_cache_page"
# Headers never replayed: the cookies belong to the visitor the page was
# rendered for (a page setting one is not stored at all).
DROPPED_HEADERS = frozenset({"set-cookie"})
# Questionnaires: answered through personal links, never stored.
PERSONAL_LINKS = "answered_through_personal_links"
NONCE_MARKERS = (b"nonce=", b"nonce-")

_digest = {"holder": None, "value": ""}


def settings_digest():
    """The package's settings, recomputed only when the settings object changes."""
    holder = getattr(settings, "_wrapped", None)
    if _digest["holder"] is not holder:
        _digest["value"] = hashlib.sha256(
            repr(
                [
                    (name, getattr(settings, name))
                    for name in dir(settings)
                    if name.startswith(SETTINGS_PREFIX)
                ]
            ).encode()
        ).hexdigest()
        _digest["holder"] = holder
    return _digest["value"]


def bypassing_cookies():
    return (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name, LOW_VISION_COOKIE)


def is_eligible(request):
    """Whether the request is one every anonymous visitor makes alike."""
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return not any(name in cookies for name in bypassing_cookies())


def lookup_key(request):
    """The key of ``request``'s stored answer, or None when it may have none."""
    if not get_setting("PUBLIC_PAGE_CACHE_TIMEOUT") or not is_eligible(request):
        return None
    try:
        host = request.get_host().lower()
    except DisallowedHost:
        return None  # the full path answers 400
    version = current_version()
    if version is None:  # a dummy cache keeps nothing
        return None
    setattr(request, LOOKED_UP, True)
    parts = [
        str(version),
        __version__,
        settings_digest(),
        timezone.localdate().isoformat(),
        get_language() or "",
        host,
        request.path,
    ]
    return KEY_PREFIX + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def stored_response(key):
    stored = cache.get(key)
    if stored is None:
        return None
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response.headers[name] = value
    return response


def uses_nonce(response):
    headers = " ".join(
        response.get(name, "")
        for name in ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
    )
    if "'nonce-" in headers:
        return True
    return any(marker in response.content for marker in NONCE_MARKERS)


def is_storable(request, response):
    page = getattr(request, MARK, None)
    if request.method != "GET" or page is None:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "")
    if "public" not in cache_control or "private" in cache_control:
        return False
    return not uses_nonce(response) and may_store_page(page, request)


def store(key, request, response):
    """Keep ``response`` under ``key`` if every anonymous visitor may get it."""
    if not is_storable(request, response):
        return
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in DROPPED_HEADERS
    ]
    cache.set(
        key, (response.content, headers), get_setting("PUBLIC_PAGE_CACHE_TIMEOUT")
    )


def may_store_page(page, request):
    return (
        is_mentoring_page(page)
        and page.live
        and not getattr(page.specific_deferred, PERSONAL_LINKS, False)
        and not getattr(request, "is_preview", False)
        and not page.get_view_restrictions()
    )


def mark_on_serve(next_serve_page):
    """``on_serve_page`` hook: note the page of a request the middleware looked up.

    Nothing is read here: the page's restrictions are checked only when its
    answer is about to be stored (:func:`store`), once per change.
    """

    def serve(page, request, args, kwargs):
        if getattr(request, LOOKED_UP, False):
            setattr(request, MARK, page)
        return next_serve_page(page, request, args, kwargs)

    return serve

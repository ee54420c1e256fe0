"""The rendered bodies of «Наши наставники» and of portfolios, in Django's cache.

A body is kept under a key holding a *version* shared by every process, and
every change that could alter what a visitor sees bumps it
(``public_cache_signals``): a portfolio, index or practice page saved,
published, unpublished, moved or deleted; a consent given, changed or
withdrawn; a mentor's status, forms of mentoring or courses; a person
erased; a form of mentoring renamed; an award or its order; a group,
membership or plan task (the mentees' numbers); a photo or its renditions;
view restrictions. So a withdrawn consent leaves the listing on the next
request. The key also holds the day (a consent may be dated to start or end
later), the language, the site, the page's live revision and the filters.

The version is a :class:`~mentoring_wagtail.cache_version.ContentVersion` of
its own, in Django's cache: with several app servers the cache must be shared
(Redis, Memcached or the database cache), as for the roadmap table. If it is
evicted it restarts from the clock, above any value used before, and a bump
moves it at once and again when the transaction commits.
``MENTORING_WAGTAIL_PORTFOLIOS_CACHE_TIMEOUT`` = 0 turns the cache off.

What is always checked live, outside the cache: routing and view
restrictions (Wagtail's serve) and whether the portfolio's mentor may be
public (``MentorPortfolioPage.serve``).
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Site

from mentoring_wagtail.cache_version import ContentVersion
from mentoring_wagtail.conf import get_setting

VERSION_KEY = "mentoring_wagtail:portfolios:version"
_version = ContentVersion(VERSION_KEY)


def current_version():
    """The shared version, or ``None`` when the cache keeps nothing (dummy)."""
    return _version.current()


def bump_version():
    """Invalidate every cached body now and once more after the commit."""
    _version.bump()


def cached_body(name, page, request, render, vary=()):
    """``render()``'s HTML for ``page``, from the cache when it may be reused.

    Previews and pages not live are never cached; ``vary`` holds what else
    the body depends on (the filters, the page of the listing).
    """
    timeout = get_setting("PORTFOLIOS_CACHE_TIMEOUT")
    if not timeout or not page.live or getattr(request, "is_preview", False):
        return render()
    version = current_version()
    if version is None:
        return render()
    site = Site.find_for_request(request)
    parts = "\x1f".join(str(value) for value in vary)
    key = ":".join(
        [
            "mentoring_wagtail:portfolios",
            str(version),
            name,
            str(page.pk),
            str(page.live_revision_id),
            str(site.pk if site else ""),
            timezone.localdate().isoformat(),
            get_language() or "",
            hashlib.sha256(parts.encode()).hexdigest()[:32],
        ]
    )
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, timeout)
    return mark_safe(html)  # noqa: S308 - rendered by our escaping templates

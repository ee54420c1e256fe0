"""The registry as visitors see it, rendered once per change.

Every anonymous visitor asking for the same listing (filters, search words and
page number) or the same record's page gets the same HTML until something that
could change it happens.
The key names that state: the registry page's live revision, today's date
(statuses such as «утратил силу» turn with the calendar), the newest entries of
Wagtail's audit logs (every publication, withdrawal, edit and revocation of a
record, and every page published that a record's page lists as approved or
citing) and the collections' view
restrictions (privacy of the files). Reading that stamp is three index
lookups; a process never trusts anything it remembers without it.
``REGISTRY_CACHE_TIMEOUT`` = 0 renders every request afresh; signed-in users
always get a fresh page (the user bar, their own rights).
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpResponse
from django.utils import timezone
from wagtail.models import CollectionViewRestriction, ModelLogEntry, PageLogEntry

from ..cache_version import current_version
from ..conf import get_setting
from ..section import low_vision

CACHED_HEADERS = ("Content-Type", "Content-Language")


def change_stamp():
    """What the registry depends on besides its own page (three index lookups)."""
    newest = [
        model.objects.order_by("-pk").values_list("pk", flat=True).first()
        for model in (ModelLogEntry, PageLogEntry)
    ]
    restrictions = CollectionViewRestriction.objects.aggregate(
        count=Count("pk"), newest=Max("pk")
    )
    return f"{newest}:{restrictions['count']}:{restrictions['newest']}"


def listing_key(page, request):
    parts = [
        str(page.pk),
        str(page.live_revision_id),
        timezone.localdate().isoformat(),
        change_stamp(),
        # Whatever else the page shows (the organisation's name, settings…).
        str(current_version()),
        request.get_host(),
        request.path,
        request.GET.urlencode(),
        request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "",
        # The version for the visually impaired is another page.
        "low-vision" if low_vision.is_on(request) else "",
    ]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"mentoring_wagtail:registry:{digest}"


def cached_listing(page, request, render):
    """``render()``'s response, from the cache for anonymous visitors."""
    timeout = get_setting("REGISTRY_CACHE_TIMEOUT")
    if (
        not timeout
        or request.user.is_authenticated
        or getattr(request, "is_preview", False)
    ):
        return render()
    key = listing_key(page, request)
    stored = cache.get(key)
    if stored is not None:
        content, headers = stored
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        return response
    response = render()
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 200 and not response.cookies:
        headers = {name: response[name] for name in CACHED_HEADERS if name in response}
        cache.set(key, (response.content, headers), timeout)
    return response

"""A small per-address rate limit on Django's cache, for the public forms.

The count lives in the ``default`` cache (shared by every worker and app
server when the site follows W004), in fixed windows: ``allow`` adds one to
the address's count in the current window and says whether it is still within
the limit. The address is ``REMOTE_ADDR``: behind a reverse proxy, the proxy
must set it to the client's (see docs/features/hostile-input.md).
"""

import hashlib
import time

from django.core.cache import cache

PREFIX = "mentoring-rate"


def client_address(request):
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(scope, address, window):
    digest = hashlib.sha256(address.encode()).hexdigest()[:24]
    return f"{PREFIX}:{scope}:{digest}:{int(time.time() // window)}"


def count(scope, request, window):
    return cache.get(_key(scope, client_address(request), window), 0)


def hit(scope, request, window):
    """Count one more event of ``scope`` from the request's address."""
    key = _key(scope, client_address(request), window)
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return 1


def exceeded(scope, request, limit, window):
    return bool(limit) and count(scope, request, window) >= limit

"""Version numbers that move whenever content a visitor could see changes.

Rendered pages and bodies are cached under such a number: when it moves, every
old entry is left behind at once. The number lives in Django's cache, which
every worker and app server must share (Redis, Memcached, the file or database
cache: a system check warns about a per-process cache); if it is evicted it
restarts from the clock, above any value used before, so no old entry is ever
reused. A bump moves it at once and again when the transaction commits, so a
request that read the data before the commit cannot keep a stale entry under
the new number.

The site-wide number (``current_version``/``bump``) is moved by
:mod:`mentoring_wagtail.public.version`'s signals; an optional app may keep its
own :class:`ContentVersion` under its own key.
"""

import time

from django.core.cache import cache
from django.db import transaction


class ContentVersion:
    """One shared number under ``key`` in Django's cache."""

    def __init__(self, key):
        self.key = key
        # One callable per counter, so a transaction queues it only once.
        self._after_commit = self._bump

    def current(self):
        """The shared number, or ``None`` when the cache keeps nothing (dummy)."""
        version = cache.get(self.key)
        if version is None:
            cache.add(self.key, time.time_ns(), None)
            version = cache.get(self.key)
        return version

    def _bump(self):
        try:
            cache.incr(self.key)
        except ValueError:  # evicted or never set: restart above every old value
            cache.add(self.key, time.time_ns(), None)

    def bump(self):
        """Leave every entry cached under the number behind, now and after commit."""
        self._bump()
        connection = transaction.get_connection()
        # One bump after the commit is enough, however many rows it wrote.
        queued = (entry[1] for entry in connection.run_on_commit)
        if not any(callback is self._after_commit for callback in queued):
            transaction.on_commit(self._after_commit)


PUBLIC_KEY = "mentoring_wagtail:public:version"

_public = ContentVersion(PUBLIC_KEY)


def current_version():
    """The site-wide number, or ``None`` when the cache keeps nothing (dummy)."""
    return _public.current()


def bump():
    """Leave every page cached under the site-wide number behind."""
    _public.bump()

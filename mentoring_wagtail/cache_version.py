"""One number that changes whenever anything a visitor could see changes.

(A minimal stand-in made by the documents' restructuring, identical to
``public/version.py``'s counter; the foundation's own module replaces it.)
"""

import time

from django.core.cache import cache
from django.db import transaction

KEY = "mentoring_wagtail:public:version"


def current_version():
    """The shared number, or ``None`` when the cache keeps nothing (dummy)."""
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, time.time_ns(), None)
        version = cache.get(KEY)
    return version


def _bump():
    try:
        cache.incr(KEY)
    except ValueError:  # evicted or never set: restart above every old value
        cache.add(KEY, time.time_ns(), None)


def bump():
    """Invalidate every cached page now and once more after the commit."""
    _bump()
    connection = transaction.get_connection()
    # One bump after the commit is enough, however many rows the transaction wrote.
    if not any(entry[1] is _bump for entry in connection.run_on_commit):
        transaction.on_commit(_bump)

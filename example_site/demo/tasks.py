"""A task for benchmarks/bench_cluster.py: long enough to be killed mid-way.

Its effect is one increment of a counter in Django's cache per run, so the
benchmark can tell a task that ran once from one that ran twice or never.
"""

import time

from django.core.cache import cache
from django_tasks import task


@task()
def slow_mark(key, seconds=2.0):
    time.sleep(seconds)
    cache.add(key, 0, None)
    return cache.incr(key)

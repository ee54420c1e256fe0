"""What every benchmark shares: a throwaway database and side-by-side timing.

Benchmarks print ratios and query counts measured in one run; they never
assert timings. Use::

    from harness import benchmark_database, measure

    with benchmark_database():
        small = measure(lambda: client.get(url_small))
        large = measure(lambda: client.get(url_large))
        print(format_row("registry, 10 000 vs 100", large, small))

The database follows MENTORING_DB (sqlite, or postgres) like the tests.
"""

import os
import statistics
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)


@dataclass(frozen=True)
class Measurement:
    median_ms: float
    queries: int
    runs: int


@contextmanager
def benchmark_database():
    """A fresh, migrated test database, dropped afterwards."""
    setup_test_environment()
    if os.environ.get("MENTORING_DEV_NO_MIGRATIONS"):
        from django.core.management import call_command

        call_command("makemigrations", "mentoring_wagtail", verbosity=0)
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def measure(action, runs=30, warmup=3):
    """Median wall time of ``action`` and the queries its last run made."""
    for _ in range(warmup):
        action()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        action()
    return Measurement(statistics.median(timings), len(captured), runs)


def format_row(label, measured, baseline, target=None):
    ratio = measured.median_ms / baseline.median_ms
    verdict = ""
    if target is not None:
        outcome = "met" if ratio <= target else "NOT met"
        verdict = f"  (target ≤ {target:.1f}×: {outcome})"
    return (
        f"{label}: {measured.median_ms:.1f} ms vs {baseline.median_ms:.1f} ms = "
        f"{ratio:.2f}×; queries {measured.queries} vs {baseline.queries}{verdict}"
    )

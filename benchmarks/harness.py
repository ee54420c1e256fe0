"""What every benchmark shares: a throwaway database and side-by-side timing.

Benchmarks print ratios and query counts measured in one run; they never
assert timings. Use::

    from harness import benchmark_database, measure

    with benchmark_database():
        small = measure(lambda: client.get(url_small))
        large = measure(lambda: client.get(url_large))
        print(format_row("registry, 10 000 vs 100", large, small))

Every row gives the wall time and the CPU time of this process (the server's
work per request: the test client serves in-process), since the load of a
shared machine moves wall time 2–10× and CPU time far less.

The database follows MENTORING_DB (sqlite, or postgres) like the tests.

A smoke run (``MENTORING_BENCH_SMOKE=1``, as ``tests/test_benchmarks.py``
does) shrinks every size with :func:`scaled` and every run count with
:func:`runs`, so each benchmark runs to its end in seconds; its figures mean
nothing.
"""

import os
import statistics
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (str(ROOT / "example_site"), str(ROOT)):
    if _path not in sys.path:
        sys.path.insert(0, _path)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

SMOKE = os.environ.get("MENTORING_BENCH_SMOKE") == "1"
# Set by tests/test_benchmarks.py: the test's own database is already there.
IN_TEST_DATABASE = os.environ.get("MENTORING_BENCH_IN_TEST_DATABASE") == "1"


def scaled(size, smoke_size=None):
    """``size``, or in a smoke run ``smoke_size`` (by default a few)."""
    if not SMOKE:
        return size
    return smoke_size if smoke_size is not None else min(size, 3)


def runs(count):
    """How many timed runs: ``count``, or one in a smoke run."""
    return 1 if SMOKE else count


@dataclass(frozen=True)
class Measurement:
    median_ms: float
    queries: int
    runs: int
    cpu_ms: float | None = None


@contextmanager
def benchmark_database():
    """A fresh, migrated test database, dropped afterwards."""
    if IN_TEST_DATABASE:
        yield connection
        return
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


def timed(action):
    """Run ``action``; return its (wall ms, CPU ms of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def measure(action, runs=30, warmup=3):
    """Median wall and CPU time of ``action`` and the queries its last run made."""
    if SMOKE:
        runs, warmup = 1, 0
    for _ in range(warmup):
        action()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = timed(action)
        walls.append(wall)
        cpus.append(cpu)
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        action()
    return Measurement(
        statistics.median(walls), len(captured), runs, statistics.median(cpus)
    )


def format_row(label, measured, baseline, target=None):
    ratio = measured.median_ms / baseline.median_ms if baseline.median_ms else 0.0
    verdict = ""
    if target is not None:
        outcome = "met" if ratio <= target else "NOT met"
        verdict = f"  (target ≤ {target:.1f}×: {outcome})"
    cpu = ""
    if measured.cpu_ms is not None and baseline.cpu_ms is not None:
        cpu = f"; CPU {measured.cpu_ms:.1f} ms vs {baseline.cpu_ms:.1f} ms"
    return (
        f"{label}: {measured.median_ms:.1f} ms vs {baseline.median_ms:.1f} ms = "
        f"{ratio:.2f}×{cpu}; queries {measured.queries} vs {baseline.queries}{verdict}"
    )

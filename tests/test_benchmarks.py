"""Every benchmark runs to its end (a smoke run at tiny sizes).

Figures of a smoke run mean nothing; what is checked is that each benchmark
still builds its data, drives its pages and prints its rows — with wall time
and CPU time — on the database of this run (SQLite or PostgreSQL). The
benchmark works in the test's own database (flushed afterwards) rather than
migrating one of its own. ``bench_load.py``, ``bench_cluster.py`` and
``bench_page_cache_wrk.py`` (gunicorn and wrk; the cluster's start alone is minutes) and
``bench_journeys.py`` (the browser journeys, minutes of Chromium) are run by
hand; the journeys' table is formatted here from counts of its own.
"""

import importlib
import os
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
IN_PROCESS = [
    "bench_fifty_schools",
    "bench_matching",
    "bench_monitoring",
    "bench_page_cache",
    "bench_participants",
    "bench_permissions",
    "bench_portfolios",
    "bench_registry",
    "bench_roadmap",
    "bench_roadmap_report",
    "bench_signatures",
]


@pytest.fixture
def smoke_modules(monkeypatch):
    """Import the benchmarks afresh with the smoke switches on."""
    monkeypatch.setenv("MENTORING_BENCH_SMOKE", "1")
    monkeypatch.setenv("MENTORING_BENCH_IN_TEST_DATABASE", "1")
    monkeypatch.syspath_prepend(str(BENCHMARKS))

    def forget():
        for name in ["harness", *IN_PROCESS]:
            sys.modules.pop(name, None)

    forget()
    yield importlib.import_module
    forget()


# The rows a data migration gives (the forms of mentoring) are made again: a
# transactional test before this one may have flushed them. (Not
# serialized_rollback: after tests/test_migrations.py has migrated to zero and
# back, the content types it would restore collide with the new ones.)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "name, entry",
    [(name, "main") for name in IN_PROCESS] + [("bench_participants", "group_edit")],
)
def test_benchmark_runs_to_its_end(name, entry, smoke_modules, capsys):
    from mentoring_wagtail.participants.builtin_forms import ensure_builtin_forms

    ensure_builtin_forms()
    module = smoke_modules(name)
    assert getattr(module, entry)() in (None, 0)
    output = capsys.readouterr().out
    assert output.strip(), f"{name} printed nothing"
    assert "CPU" in output, f"{name} does not report CPU time:\n{output}"
    assert "Traceback" not in output


def test_benchmarks_are_all_smoke_run():
    """A new benchmark module joins the smoke run (or says why not here)."""
    found = {path.stem for path in BENCHMARKS.glob("bench_*.py")}
    assert found - set(IN_PROCESS) == {
        "bench_load",
        "bench_cluster",
        "bench_page_cache_wrk",
        "bench_journeys",
    }, sorted(found)
    assert os.path.exists(BENCHMARKS / "README.md")


def test_journeys_table_names_each_part_and_its_goal(monkeypatch, capsys):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    bench_journeys = importlib.import_module("bench_journeys")
    part = "Word roadmap to director-signed published page (log-ins not counted)"
    bench_journeys.main(
        [
            {"journey": "test_year", "part": part, "pace": "automation"}
            | {"clicks": 19, "fields": 6, "page_loads": 13},
            {"journey": "test_year", "part": "whole journey", "pace": "automation"}
            | {"clicks": 46, "fields": 26, "page_loads": 39},
        ]
    )
    table = capsys.readouterr().out.splitlines()
    assert table[2] == f"| year | {part} | 19 | 6 | 13 | < 20: met |"
    assert table[3] == "| year | whole journey | 46 | 26 | 39 |  |"

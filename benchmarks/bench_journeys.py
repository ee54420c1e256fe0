"""Clicks and fields per journey: what a person does, counted in the browser.

Runs the browser journeys of ``tests/journeys`` at automation's pace (the
clicks and fields are the same at a person's pace; only the time differs) in
a pytest subprocess, each journey's recorder appending its counts to a file,
and prints one table row per journey and part:

    .venv/bin/python benchmarks/bench_journeys.py            # SQLite
    MENTORING_DB=postgres .venv/bin/python benchmarks/bench_journeys.py

Counted (``tests/journeys/recorder.py``): *clicks*, a person's clicks
(a checkbox ticked is a click); *fields*, each field typed into or chosen in
(a list, a file) once per page; *page loads*, documents the browser loaded.
Log-ins are counted in a journey's whole but not in the goals of issue 25:
a curator's Word roadmap to a director-signed published page in under 20
clicks; marked activities to the yearly report in under 10.

Needs Chromium (``/usr/bin/chromium``) and takes a few minutes: it is run by
hand, like ``bench_load.py``; ``tests/test_benchmarks.py`` smoke-runs the
table's formatting from counts of its own.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {
    "Word roadmap to director-signed published page (log-ins not counted)": 20,
    "marked activities to the yearly .docx (from the dashboard)": 10,
}


def run_journeys(tally_path):
    """The journeys at automation's pace; returns the CPU seconds of pytest."""
    env = dict(os.environ, MENTORING_JOURNEY_TALLY=str(tally_path))
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), env.get("PYTHONPATH", "")])
    )
    before = os.times()
    subprocess.run(  # noqa: S603 - this interpreter's own pytest
        [sys.executable, "-m", "pytest", "tests/journeys", "-k", "automation"]
        + ["-p", "no:randomly", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    after = os.times()
    return (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )


def read_rows(tally_path):
    with open(tally_path, encoding="utf-8") as rows:
        return [json.loads(line) for line in rows if line.strip()]


def format_table(rows):
    """A Markdown table: journey, part, clicks, fields, page loads, goal."""
    lines = [
        "| journey | part | clicks | fields | page loads | goal |",
        "|---|---|---:|---:|---:|---|",
    ]
    for row in rows:
        goal = GOALS.get(row["part"])
        verdict = ""
        if goal is not None:
            verdict = f"< {goal}: {'met' if row['clicks'] < goal else 'NOT met'}"
        name = row["journey"].removeprefix("test_").replace("_", " ")
        lines.append(
            f"| {name} | {row['part']} | {row['clicks']} | {row['fields']} "
            f"| {row['page_loads']} | {verdict} |"
        )
    return "\n".join(lines)


def main(rows=None):
    """Run the journeys (or format ``rows`` given) and print the table."""
    cpu = None
    if rows is None:
        with tempfile.TemporaryDirectory() as folder:
            tally = Path(folder) / "journeys.jsonl"
            wall = time.perf_counter()
            cpu = run_journeys(tally)
            wall = time.perf_counter() - wall
            rows = read_rows(tally)
    print(format_table(rows))
    if cpu is not None:
        print(f"\njourneys at automation's pace: wall {wall:.0f} s; CPU {cpu:.0f} s")


if __name__ == "__main__":
    sys.exit(main())

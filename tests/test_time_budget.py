"""The suite's time budget: a test over it fails unless marked slow with a reason."""

import pytest

pytest_plugins = ["pytester"]

BURN = """
import time

import pytest


def burn(seconds):
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_quick():
    pass


def test_over_budget():
    burn(0.4)


def test_over_budget_within_the_margin():
    burn(0.24)


@pytest.mark.slow(reason="drives a whole school year")
def test_slow_with_reason():
    burn(0.4)


@pytest.mark.slow
def test_slow_without_reason():
    pass
"""


@pytest.fixture
def budget_run(pytester):
    pytester.makeini("[pytest]\ncpu_budget_seconds = 0.2\n")
    pytester.makepyfile(test_budget=BURN)
    return pytester.runpytest_inprocess(
        "-p", "tests.time_budget", "-p", "no:django", "-p", "no:randomly"
    )


def test_only_unmarked_slow_tests_and_bare_marks_fail(budget_run):
    budget_run.assert_outcomes(passed=5, errors=2)
    output = budget_run.stdout.str()
    assert "ERROR test_budget.py::test_over_budget " in output
    assert "s of CPU (budget 0.2 s, failing beyond 0.3 s)" in output
    assert "ERROR test_budget.py::test_over_budget_within_the_margin" not in output
    assert "Over the 0.2 s CPU budget, within its margin" in output
    assert (
        "test_budget.py::test_over_budget_within_the_margin: make it smaller" in output
    )
    assert "@pytest.mark.slow needs reason=" in output
    assert "ERROR test_budget.py::test_slow_with_reason" not in output
    assert "ERROR test_budget.py::test_quick" not in output

"""No test slower than 20 s unless it says why: ``@pytest.mark.slow(reason=…)``.

A test's cost is the CPU time this process and the children it waited for
(LibreOffice, a subprocess) spent in its setup and call, without the session's
and modules' shared fixtures (the test database, the browser). Teardown is not
counted: the last test's teardown closes the session's fixtures, and closing
the browser reaps the whole session's Chromium. CPU
time rather than wall time: the test command must give the same verdict on a
machine whose cores are busy with other work, which stretches wall time 2–10×.
CPU time moves too, less: the same test measured 16–20.3 s on one machine as
the load beside it changed (shared caches, the cores' clock). So a test fails
only beyond the margin (1.5× the budget: 30 s), where no load explains it;
one between the budget and the margin passes and is named at the end of the
run, to be made smaller or marked. A test marked slow without a reason fails.
"""

import resource
import time

import pytest

BUDGET_SECONDS = 20.0
MARGIN = 1.5


def cpu_seconds():
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime


def pytest_addoption(parser):
    parser.addoption(
        "--cpu-durations",
        type=int,
        default=None,
        metavar="N",
        help="list the N tests that spent the most CPU (0: all), and the CPU "
        "of the shared fixtures (test database, browser) and of the whole run",
    )
    parser.addini(
        "cpu_budget_seconds",
        "CPU seconds a test may take without @pytest.mark.slow(reason=...)",
        default=str(BUDGET_SECONDS),
    )
    parser.addini(
        "cpu_budget_margin",
        "how many times the budget a test may measure before it fails: "
        "CPU time moves with the machine's load",
        default=str(MARGIN),
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        f"slow(reason): this test may take more than {BUDGET_SECONDS:.0f} s of "
        "CPU; the reason says why it cannot be smaller",
    )


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Shared fixtures' setup is not charged to the test that happens to
    come first."""
    if fixturedef.scope == "function":
        return (yield)
    start = cpu_seconds()
    try:
        return (yield)
    finally:
        item = getattr(request, "_pyfuncitem", None)
        if item is not None:
            item.stash[_shared] = item.stash.get(_shared, 0.0) + (cpu_seconds() - start)


_shared = pytest.StashKey[float]()
# Kept in the run's config, not in this module: a run inside a test
# (pytester, in process) loads this same module and must not add to ours.
_costs = pytest.StashKey[
    list
]()  # (own CPU, shared fixtures' CPU, node id) of passed tests
_over_budget = pytest.StashKey[
    list
]()  # (own CPU, node id): unmarked, within the margin
_session_start = pytest.StashKey[float]()
_spent = pytest.StashKey[float]()
_call_passed = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    item.stash[_spent] = 0.0
    item.stash[_shared] = 0.0
    item.stash[_call_passed] = False
    return (yield)


def _charged(item):
    start = cpu_seconds()
    try:
        return (yield)
    finally:
        item.stash[_spent] = item.stash.get(_spent, 0.0) + cpu_seconds() - start


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    return (yield from _charged(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    return (yield from _charged(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[_call_passed] = report.passed
        return report
    if report.when != "teardown" or not item.stash.get(_call_passed, False):
        return report
    marker = item.get_closest_marker("slow")
    spent = item.stash.get(_spent, 0.0) - item.stash.get(_shared, 0.0)
    item.config.stash[_costs].append((spent, item.stash.get(_shared, 0.0), item.nodeid))
    budget = float(item.config.getini("cpu_budget_seconds"))
    limit = budget * float(item.config.getini("cpu_budget_margin"))
    if marker is not None and not str(marker.kwargs.get("reason", "")).strip():
        _fail(
            report, "@pytest.mark.slow needs reason='why this test cannot be smaller'"
        )
    elif marker is None and spent > limit:
        _fail(
            report,
            f"{item.nodeid} took {spent:.1f} s of CPU (budget "
            f"{budget:g} s, failing beyond {limit:g} s): make it smaller, or mark "
            "it @pytest.mark.slow(reason='…') saying why it cannot be",
        )
    elif marker is None and spent > budget:
        item.config.stash[_over_budget].append((spent, item.nodeid))
    return report


def _fail(report, message):
    report.outcome = "failed"
    report.longrepr = message


def pytest_sessionstart(session):
    session.config.stash[_session_start] = cpu_seconds()
    session.config.stash[_costs] = []
    session.config.stash[_over_budget] = []


def pytest_terminal_summary(terminalreporter, config):
    over_budget = config.stash.get(_over_budget, [])
    if over_budget:
        budget = float(config.getini("cpu_budget_seconds"))
        terminalreporter.section(f"Over the {budget:g} s CPU budget, within its margin")
        for spent, node in sorted(over_budget, reverse=True):
            terminalreporter.write_line(
                f"{spent:8.2f} s  {node}: make it smaller, or mark it slow with its reason"
            )
    count = config.getoption("--cpu-durations")
    if count is None or _session_start not in config.stash:
        return
    costs = config.stash[_costs]
    total = cpu_seconds() - config.stash[_session_start]
    own = sum(cost for cost, _shared_cost, _node in costs)
    shared = sum(shared_cost for _cost, shared_cost, _node in costs)
    write = terminalreporter.write_line
    terminalreporter.section("CPU time (this process and its waited-for children)")
    write(
        f"whole run {total:.1f} s; {len(costs)} passed tests {own:.1f} s; "
        f"shared fixtures (test database, browser, module fixtures) {shared:.1f} s"
    )
    ranked = sorted(costs, reverse=True)
    for cost, _shared_cost, node in ranked[:count] if count else ranked:
        write(f"{cost:8.2f} s  {node}")

"""The fault run: the cluster under load while a server and the worker are killed.

Not a test: run it by hand, on a quiet machine::

    .venv/bin/python benchmarks/bench_cluster.py [--seconds 40] [--connections 8]

It starts the stack with ``scripts/cluster up`` (its own state folder,
.cache/cluster-bench; the script installs haproxy, redis-server and the
``cluster`` extra when missing) and, for ``--seconds``:

- wrk (Debian's) reads public pages through HAProxy;
- ``--writers`` signed-in users register orders through HAProxy, one after
  the other each, as fast as they are answered;
- ``--tasks`` slow tasks (``demo.tasks.slow_mark``, one counter increment in
  Redis as their effect), ahead of the site's own tasks (a higher priority)
  and each lasting 1.5 × ``--seconds`` / ``--tasks``, so that they span the
  run and the worker's kill lands in one of them;
- at 30 % of the run app1 is SIGKILLed (its whole process group) and started
  again 3 s later; at 50 % the worker is SIGKILLed while a task runs, and
  started again 2 s later: the new worker queues the dead one's task again
  once its heartbeat is 15 s old (``mentoring_worker``, see
  docs/operations/background-tasks.md).

It prints what clients saw (reads answered, non-2xx, socket errors; writes
committed, refused, and committed although the client saw an error), whether
the registration numbers are gap-free and unrepeated, and what became of each
task (finished, still marked running, effect applied 0, 1 or more times),
and whether every task finished exactly once in effect.
Only 127.0.0.1 is contacted; every loop is bounded by the run's length.
"""

# Subprocesses and URLs here are our own (scripts/cluster, wrk, 127.0.0.1).
# ruff: noqa: S603, S607, S310

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The demo school's client side (no Django): shared with tests/cluster/.
sys.path.insert(0, str(ROOT / "example_site"))

from demo.client import order_form, sign_in  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from cluster_control import ClusterControl  # noqa: E402

STATE_DIR = ROOT / ".cache" / "cluster-bench"
CLUSTER = ClusterControl(STATE_DIR)
script, in_cluster = CLUSTER.script, CLUSTER.in_cluster
PATHS = ["/", "/mentoring/", "/mentoring/documents/", "/mentoring/mentors/"]

WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""


def login(front):
    import requests  # deferred: the cluster extra

    session = requests.Session()
    sign_in(session, front)
    return session


def run_wrk(front, seconds, connections, out):
    paths = ", ".join(f'"{p}"' for p in PATHS)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(WRK_SCRIPT % paths)
    done = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
         "--latency", "-s", lua.name, front + "/"],
        capture_output=True, text=True,
    )  # fmt: skip
    os.unlink(lua.name)
    text = done.stdout
    out["wrk_output"] = text

    def number(pattern, default=0):
        match = re.search(pattern, text)
        return float(match.group(1)) if match else default

    out["reads"] = int(number(r"(\d+) requests in"))
    out["reads_per_s"] = number(r"Requests/sec:\s+([\d.]+)")
    out["reads_non_2xx"] = int(number(r"Non-2xx or 3xx responses: (\d+)"))
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    out["reads_socket_errors"] = sum(map(int, errors.groups())) if errors else 0
    out["read_p99"] = re.search(r"99%\s+(\S+)", text).group(1)


def writer(front, session, add_url, site, prefix, n, deadline, log):
    import requests  # deferred: the cluster extra

    i = 0
    while time.monotonic() < deadline:
        i += 1
        try:
            response = session.post(
                front + add_url,
                data=order_form(session, f"{prefix} {n}-{i}", site),
                allow_redirects=False,
                timeout=30,
            )
            log.append(response.status_code)
        except requests.RequestException as error:
            log.append(type(error).__name__)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=40)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="leave the stack up")
    args = parser.parse_args()

    task_seconds = round(1.5 * args.seconds / args.tasks, 1)
    print("Starting the stack (scripts/cluster up)...", flush=True)
    script("up")
    state = json.loads((STATE_DIR / "state.json").read_text())
    front = f"http://127.0.0.1:{state['ports']['haproxy']}"
    prefix = f"Нагрузка {time.time_ns()}"
    setup = in_cluster(
        "import json\n"
        "from django.urls import reverse\n"
        "from mentoring_wagtail.models import Order\n"
        "from demo.tasks import slow_mark\n"
        "slow = slow_mark.using(priority=10)\n"
        f"ids = [slow.enqueue(key='{prefix}:%d' % i, seconds={task_seconds}).id"
        f" for i in range({args.tasks})]\n"
        "print(json.dumps({'add': reverse(Order.snippet_viewset.get_url_name('add')),"
        " 'site': Order.objects.first().site_id, 'tasks': [str(i) for i in ids]}))"
    )
    sessions = [login(front) for _ in range(args.writers)]
    result, writes = {}, []
    started = time.monotonic()
    deadline = started + args.seconds
    threads = [
        threading.Thread(
            target=run_wrk, args=(front, args.seconds, args.connections, result)
        )
    ]
    threads += [
        threading.Thread(
            target=writer,
            args=(
                front,
                session,
                setup["add"],
                setup["site"],
                prefix,
                n,
                deadline,
                writes,
            ),
        )
        for n, session in enumerate(sessions)
    ]
    events = []

    def balancer_states():
        # HAProxy's view of each app server, recorded on every change.
        url = f"http://127.0.0.1:{state['ports']['stats']}/;csv"
        last = None
        while time.monotonic() < deadline + 5:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    rows = response.read().decode().splitlines()
                header = rows[0].lstrip("# ").split(",")
                seen = {}
                for row in rows[1:]:
                    values = dict(zip(header, row.split(","), strict=False))
                    if values.get("pxname") == "app" and values["svname"] != "BACKEND":
                        seen[values["svname"]] = values.get("status")
                if seen != last:
                    moment = round(time.monotonic() - started, 1)
                    events.append((moment, f"balancer: {seen}"))
                    last = seen
            except OSError:
                pass
            time.sleep(0.25)

    threads.append(threading.Thread(target=balancer_states))
    for thread in threads:
        thread.start()

    def at(fraction, *command):
        time.sleep(max(0.0, started + args.seconds * fraction - time.monotonic()))
        script(*command)
        events.append((round(time.monotonic() - started, 1), " ".join(command)))

    at(0.3, "kill", "app1")
    time.sleep(3)
    script("start", "app1")
    events.append((round(time.monotonic() - started, 1), "app1 healthy again"))
    at(0.5, "kill", "worker")
    time.sleep(2)
    script("start", "worker")
    events.append((round(time.monotonic() - started, 1), "start worker"))
    for thread in threads:
        thread.join(args.seconds + 120)

    # Let the worker finish what is left, the killed worker's task included
    # (queued again after the dead-after); bounded.
    task_ids = json.dumps(setup["tasks"])
    for _ in range(60):
        tasks = in_cluster(
            "import json\n"
            "from collections import Counter\n"
            "from django.core.cache import cache\n"
            "from django_tasks_db.models import DBTaskResult\n"
            f"ids = {task_ids}\n"
            "rows = DBTaskResult.objects.filter(id__in=ids)\n"
            "status = Counter(str(r.status) for r in rows)\n"
            "handed_back = sum(1 for r in rows if len(r.worker_ids) > 1)\n"
            f"effects = Counter(cache.get('{prefix}:%d' % i) or 0 for i in range({args.tasks}))\n"
            "print(json.dumps({'status': status, 'run_by_two_workers': handed_back,"
            " 'effects': {str(k): v for k, v in effects.items()}}))"
        )
        if not any(
            state in key for key in tasks["status"] for state in ("READY", "RUNNING")
        ):
            break
        time.sleep(2)
    orders = in_cluster(
        "import json\n"
        "from mentoring_wagtail.models import Order\n"
        f"numbers = [o.number for o in Order.objects.filter(title__startswith='{prefix}')]\n"
        "print(json.dumps(numbers))"
    )
    seqs = sorted(int(n.split("-")[0]) for n in orders)
    ok = sum(1 for w in writes if w == 302)
    report = {
        "seconds": args.seconds,
        "events": sorted(events),
        "reads": result.get("reads"),
        "reads_per_s": result.get("reads_per_s"),
        "read_p99": result.get("read_p99"),
        "reads_non_2xx": result.get("reads_non_2xx"),
        "reads_socket_errors": result.get("reads_socket_errors"),
        "writes": len(writes),
        "writes_committed_and_answered": ok,
        "writes_failed_for_client": {
            str(k): writes.count(k) for k in set(writes) if k != 302
        },
        "orders_in_database": len(seqs),
        "committed_but_client_saw_error": len(seqs) - ok,
        "numbers_unique": len(set(seqs)) == len(seqs),
        "numbers_gap_free": seqs == list(range(seqs[0], seqs[0] + len(seqs)))
        if seqs
        else True,
        "tasks": tasks,
        "tasks_finished_exactly_once": tasks["status"] == {"SUCCESSFUL": args.tasks}
        and tasks["effects"] == {"1": args.tasks},
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if not args.keep:
        script("down", check=False)


if __name__ == "__main__":
    main()

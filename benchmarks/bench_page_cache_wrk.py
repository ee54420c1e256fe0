"""The page cache before routing under wrk, through HAProxy and two gunicorn
servers, against a plain Wagtail page, Django's cache middleware and a
constant Django view, one after the other in one run.

Not a test: run it by hand, on a quiet machine::

    .venv/bin/python benchmarks/bench_page_cache_wrk.py [--seconds 5] [--connections 8]

It starts the stack with ``scripts/cluster up`` (its own state folder,
.cache/cluster-page-cache; Redis is the shared cache) with the example site's
``MENTORING_PAGE_CACHE=1`` and the benchmark's URLconf
(``benchmarks/page_cache_site``), adds a plain rich-text page and a section
page with the same text, and runs Debian's ``wrk`` for ``--seconds`` on each of:

* the plain page, uncached (routing, view restrictions, rendering);
* the same page through Django's cache middleware (``cache_page`` on
  Wagtail's serve view, at ``/bench-django-cache/<path>``);
* the section page from ``PageCacheMiddleware`` (the fast path);
* a constant Django view answering the section page's bytes.

Every address passes the fast path's lookup (two Redis reads), as every
request of a site with it does. It prints requests/s, latency percentiles,
the load average, and the targets of the «municipality» issue: the fast path
≥ 3× the plain page's throughput, its median latency ≤ 1.5× the constant
view's. Only 127.0.0.1 is contacted.
"""

# Subprocesses and URLs here are our own (scripts/cluster, wrk, 127.0.0.1).
# ruff: noqa: S603, S607, S310

import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE_DIR = ROOT / ".cache" / "cluster-page-cache"
CONSTANT_FILE = STATE_DIR / "constant.html"
sys.path.insert(0, str(ROOT / "benchmarks"))
from cluster_control import ClusterControl  # noqa: E402

CLUSTER = ClusterControl(
    STATE_DIR,
    MENTORING_CLUSTER_SETTINGS="benchmarks.page_cache_site.settings",
    MENTORING_PAGE_CACHE="1",
    MENTORING_BENCH_CONSTANT_FILE=str(CONSTANT_FILE),
)
script, in_cluster = CLUSTER.script, CLUSTER.in_cluster
PLAIN_SLUG = "bench-plain-page"
SECTION_SLUG = "bench-fast-section"
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}

SETUP = f"""
import json
from home.models import HomePage
from wagtail.models import Page, Site
from mentoring_wagtail.models import MentoringIndexPage

home = Site.objects.get(is_default_site=True).root_page
text = "".join(
    f"<p>Пункт {{n}}: наставник и наставляемый встречаются раз в неделю.</p>"
    for n in range(20)
)
plain = Page.objects.filter(slug="{PLAIN_SLUG}").first() or home.add_child(
    instance=HomePage(title="Простая страница", slug="{PLAIN_SLUG}", body=text)
)
section = Page.objects.filter(slug="{SECTION_SLUG}").first() or home.add_child(
    instance=MentoringIndexPage(title="Наставничество", slug="{SECTION_SLUG}", intro=text)
)
print(json.dumps({{"plain": plain.url, "section": section.url}}))
"""

FAST_ENTRIES = """
import json
from django.core.cache import cache
from mentoring_wagtail.public.fast_path import KEY_PREFIX
client = cache._cache.get_client()
print(json.dumps([
    len(client.keys("*" + KEY_PREFIX + "*")),
    len(client.keys("*views.decorators.cache.cache_page*")),
]))
"""


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        assert response.status == 200, (url, response.status)
        return response.read()


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", text).groups()
    return float(number) * UNITS_MS[unit]


def run_wrk(url, seconds, connections):
    done = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
         "--latency", url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    text = done.stdout
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "requests": int(re.search(r"(\d+) requests in", text).group(1)),
        "per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "latency_ms": {
            p: milliseconds(re.search(rf"^\s+{p}%\s+(\S+)", text, re.M).group(1))
            for p in (50, 75, 90, 99)
        },
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(map(int, errors.groups())) if errors else 0),
    }


def load():
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="leave the stack up")
    args = parser.parse_args()

    print("Starting the stack (scripts/cluster up)...", flush=True)
    script("up")
    try:
        state = json.loads((STATE_DIR / "state.json").read_text())
        front = f"http://127.0.0.1:{state['ports']['haproxy']}"
        urls = in_cluster(SETUP)
        CONSTANT_FILE.write_bytes(fetch(front + urls["section"]))
        targets = {
            "plain page": front + urls["plain"],
            "Django's cache middleware": front + "/bench-django-cache" + urls["plain"],
            "fast path": front + urls["section"],
            "constant view": front + "/bench-constant/",
        }
        for url in targets.values():  # stored, where anything stores it
            for _ in range(4):
                fetch(url)
        entries = in_cluster(FAST_ENTRIES)
        if not all(entries):
            raise SystemExit(f"nothing stored (fast path, Django's): {entries}")
        print(
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
            f"{os.cpu_count()} cores; 2 gunicorn servers × "
            f"{os.environ.get('MENTORING_CLUSTER_WORKERS', '2')} sync workers behind "
            f"HAProxy; Redis cache; entries stored by the fast path {entries[0]}, "
            f"by Django's cache middleware {entries[1]}; "
            f"wrk -t2 -c{args.connections} -d{args.seconds}s each",
            flush=True,
        )
        results = {}
        for label, url in targets.items():
            before = load()
            results[label] = run_wrk(url, args.seconds, args.connections)
            measured = results[label]
            latency = ", ".join(
                f"p{p} {ms:.1f}" for p, ms in measured["latency_ms"].items()
            )
            print(
                f"{label}: {measured['per_s']:.1f} requests/s "
                f"({measured['requests']} requests, {measured['errors']} errors); "
                f"latency ms {latency}; load average {before} → {load()}",
                flush=True,
            )
    finally:
        if not args.keep:
            script("down", check=False)
    fast, plain = results["fast path"], results["plain page"]
    constant = results["constant view"]
    django_cached = results["Django's cache middleware"]
    speedup = fast["per_s"] / plain["per_s"]
    latency = fast["latency_ms"][50] / constant["latency_ms"][50]
    print(
        f"fast path / plain page throughput: {speedup:.1f}× "
        f"(target ≥ 3×: {'met' if speedup >= 3 else 'NOT met'})"
    )
    print(
        "fast path / Django's cache middleware throughput: "
        f"{fast['per_s'] / django_cached['per_s']:.2f}×"
    )
    print(
        f"fast path / constant view median latency: {latency:.2f}× "
        f"(target ≤ 1.5×: {'met' if latency <= 1.5 else 'NOT met'}); "
        f"throughput {fast['per_s'] / constant['per_s']:.2f}×"
    )


if __name__ == "__main__":
    main()

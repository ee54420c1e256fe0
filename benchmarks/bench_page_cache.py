"""The page cache before routing against a plain page, Django's cache middleware
and a constant Django view, side by side in one run.

    .venv/bin/python benchmarks/bench_page_cache.py             # SQLite
    MENTORING_DB=postgres .venv/bin/python benchmarks/bench_page_cache.py

Each request goes through Django's WSGI handler with the example site's whole
middleware stack, in this process (no network, no server): the figures are
the server's own work per request, wall time and CPU time. For each of two
caches (``LocMemCache``, and ``FileBasedCache`` as the example site ships) it
prints, against one another:

* a plain Wagtail page (the example site's rich-text page), uncached: routing,
  view restrictions, rendering;
* the same page under Django's cache middleware (``UpdateCacheMiddleware`` /
  ``FetchFromCacheMiddleware``, first and last);
* the section's page (``MentoringIndexPage``, the plain page's text as its
  introduction) from the page cache after routing (the default);
* the same section page from ``PageCacheMiddleware`` (the fast path);
* a constant Django view answering the same bytes, under the fast path's
  middleware stack (so it pays the fast path's two cache reads, as every
  request of a site with it does).

Targets (issue «a municipality's installation»): the fast path at least 3×
the plain page's throughput (its time ≤ 0.33× the plain page's), and its time
within 1.5× of the constant view's. Throughput of a single process is the
inverse of its time per request; the same comparison under wrk, through
HAProxy and two gunicorn servers with Redis, is ``bench_page_cache_wrk.py``.
"""

import os
import tempfile

from django.urls import include, path
from harness import benchmark_database, measure, runs

PLAIN_SLUG = "plain-page"
SECTION_SLUG = "fast-section"
CONSTANT_PATH = "/bench-constant/"
FAST_PATH_MIDDLEWARE = "mentoring_wagtail.public.middleware.PageCacheMiddleware"


def constant_view(request):
    from django.conf import settings
    from django.http import HttpResponse

    return HttpResponse(settings.MENTORING_BENCH_CONSTANT_BODY)


urlpatterns = [
    path(CONSTANT_PATH.strip("/") + "/", constant_view),
    path("", include("example_site.urls")),
]


def build_pages():
    """The plain page and the section page with the same text."""
    from home.models import HomePage
    from wagtail.models import Site

    from mentoring_wagtail.models import MentoringIndexPage

    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    text = "".join(
        f"<p>Пункт {n}: наставник и наставляемый встречаются раз в неделю.</p>"
        for n in range(20)
    )
    plain = home.add_child(
        instance=HomePage(title="Простая страница", slug=PLAIN_SLUG, body=text)
    )
    section = home.add_child(
        instance=MentoringIndexPage(
            title="Наставничество", slug=SECTION_SLUG, intro=text
        )
    )
    return plain.url, section.url


def middleware_stacks(base):
    at = base.index("django.middleware.locale.LocaleMiddleware") + 1
    return {
        "plain": list(base),
        "django": [
            "django.middleware.cache.UpdateCacheMiddleware",
            *base,
            "django.middleware.cache.FetchFromCacheMiddleware",
        ],
        "fast": [*base[:at], FAST_PATH_MIDDLEWARE, *base[at:]],
    }


class Server:
    """Django's WSGI handler under one middleware stack, called directly."""

    def __init__(self, middleware):
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import RequestFactory, override_settings

        self.override = override_settings(MIDDLEWARE=middleware)
        self.override.enable()
        self.handler = WSGIHandler()
        self.factory = RequestFactory()

    def get(self, url):
        status = []
        environ = self.factory._base_environ(
            PATH_INFO=url, REQUEST_METHOD="GET", HTTP_HOST="localhost"
        )
        response = self.handler(environ, lambda s, h, *a: status.append(s))
        body = b"".join(response)
        response.close()
        assert status[0].startswith("200"), (url, status)
        return body

    def close(self):
        self.override.disable()


def measure_on(middleware, url, count):
    server = Server(middleware)
    try:
        server.get(url)  # stored, where anything stores it
        server.get(url)
        return measure(lambda: server.get(url), runs=count, warmup=20)
    finally:
        server.close()


def row(label, measured, baseline, target=None):
    """``harness.format_row`` to the microsecond: these answers take well under 1 ms."""
    ratio = measured.median_ms / baseline.median_ms if baseline.median_ms else 0.0
    verdict = ""
    if target is not None:
        verdict = f"  (target ≤ {target}×: {'met' if ratio <= target else 'NOT met'})"
    return (
        f"{label}: {measured.median_ms:.3f} ms vs {baseline.median_ms:.3f} ms = "
        f"{ratio:.2f}×; CPU {measured.cpu_ms:.3f} ms vs {baseline.cpu_ms:.3f} ms; "
        f"queries {measured.queries} vs {baseline.queries}{verdict}"
    )


def speedup(fast, plain, target=3.0):
    """The throughput ratio (the inverse of the time ratio) and its verdict."""
    ratio = plain.median_ms / fast.median_ms if fast.median_ms else 0.0
    cpu = plain.cpu_ms / fast.cpu_ms if fast.cpu_ms else 0.0
    outcome = "met" if ratio >= target else "NOT met"
    return (
        f"; throughput {ratio:.1f}× (CPU {cpu:.1f}×; target ≥ {target:.0f}×: {outcome})"
    )


def compare(cache_label, caches, stacks, plain_url, section_url, count):
    from django.core.cache import cache
    from django.test import override_settings

    with override_settings(CACHES=caches):
        cache.clear()
        body = Server(stacks["plain"])
        section_body = body.get(section_url)
        body.close()
        plain = measure_on(stacks["plain"], plain_url, count)
        django_cached = measure_on(stacks["django"], plain_url, count)
        after_routing = measure_on(stacks["plain"], section_url, count)
        fast = measure_on(stacks["fast"], section_url, count)
        with override_settings(MENTORING_BENCH_CONSTANT_BODY=section_body):
            constant = measure_on(stacks["fast"], CONSTANT_PATH, count)
    print(f"\n{cache_label}, {count} requests each (median per request):")
    print(row("Django's cache middleware vs plain page", django_cached, plain))
    print(row("page cache after routing vs plain page", after_routing, plain))
    print(row("fast path vs plain page", fast, plain) + speedup(fast, plain))
    print(row("fast path vs Django's cache middleware", fast, django_cached))
    print(row("fast path vs constant view", fast, constant, target=1.5))
    print(
        f"throughput of one process (1/median): plain {1000 / plain.median_ms:.0f}/s, "
        f"Django's cache middleware {1000 / django_cached.median_ms:.0f}/s, "
        f"fast path {1000 / fast.median_ms:.0f}/s, "
        f"constant view {1000 / constant.median_ms:.0f}/s"
    )


def main():
    import time

    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    from django.conf import settings
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import override_settings

    count = runs(500)
    with benchmark_database(), override_settings(ROOT_URLCONF=__name__):
        plain_url, section_url = build_pages()
        stacks = middleware_stacks(settings.MIDDLEWARE)
        # The test client's way: the connection stays open between requests.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            compare(
                "LocMemCache",
                {
                    "default": {
                        "BACKEND": "django.core.cache.backends.locmem.LocMemCache"
                    }
                },
                stacks,
                plain_url,
                section_url,
                count,
            )
            with tempfile.TemporaryDirectory(prefix="mentoring-bench-cache-") as tmp:
                file_cache = "django.core.cache.backends.filebased.FileBasedCache"
                compare(
                    "FileBasedCache",
                    {"default": {"BACKEND": file_cache, "LOCATION": tmp}},
                    stacks,
                    plain_url,
                    section_url,
                    count,
                )
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


if __name__ == "__main__":
    main()

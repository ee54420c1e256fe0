"""The public document registry with 100 and with 10 000 orders.

    .venv/bin/python benchmarks/bench_registry.py             # SQLite
    MENTORING_DB=postgres .venv/bin/python benchmarks/bench_registry.py

Prints, side by side in one run:
* the registry page (first page, and a filtered page): SQL queries and median
  render time, 10 000 orders against 100 (target: same queries, ≤ 1.5×);
* search through the registry («наставничества», expanded with synonyms): median
  time over 10 000 documents against 100 (target ≤ 3×; meaningful on
  PostgreSQL with the Russian configuration, where it is the target).

Both caches of the public side (the whole-page cache and the registry's
listing cache) are off here: every request renders the registry afresh.

Both caches of the public side (the whole-page cache and the registry's
listing cache) are off here: every request renders the registry afresh.

Set MENTORING_DEV_NO_MIGRATIONS=1 while the package's migrations lag behind
its models: the harness then makes throwaway migrations first.
"""

import datetime
import random
import statistics

from harness import (
    SMOKE,
    Measurement,
    benchmark_database,
    format_row,
    measure,
    runs,
    scaled,
    timed,
)

SMALL = scaled(100, 5)
LARGE = scaled(10_000, 20)
WORDS = (
    "реализации целевой модели наставничества",
    "закреплении наставнических пар",
    "назначении куратора программы",
    "утверждении базы наставников",
    "поощрении участников",
    "организации питания",
    "проведении олимпиады",
    "графике дежурств",
    "работе библиотеки",
    "подготовке к учебному году",
)
KINDS = ("implementation", "pairs", "curators", "mentor_base", "encouragement", "other")


def build_site(hostname, is_default=False):
    """A school site with its «Наставничество» section and document registry."""
    from wagtail.models import Page, Site

    from mentoring_wagtail.models import (
        DocumentRegistryPage,
        MentoringIndexPage,
        OrganisationSettings,
    )

    if is_default:
        site = Site.objects.get(is_default_site=True)
    else:
        slug = hostname.split(".")[0]
        home = Page.get_first_root_node().add_child(title=hostname, slug=slug)
        site = Site.objects.create(hostname=hostname, root_page=home)
    section = site.root_page.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )
    registry = section.add_child(
        instance=DocumentRegistryPage(title="Документы", slug="documents")
    )
    OrganisationSettings.objects.create(site=site, short_name=f"Школа {hostname}")
    _site_id, _root, path = registry.get_url_parts()
    return site, path


def measure_side_by_side(action_a, action_b, count=30, warmup=3):
    """Median wall and CPU times of two actions run alternately (shared-machine
    noise hits both alike) and the queries of each one's last run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    count, warmup = runs(count), 0 if SMOKE else warmup
    for _ in range(warmup):
        action_a()
        action_b()
    timings = (([], []), ([], []))
    for _ in range(count):
        for action, (walls, cpus) in ((action_a, timings[0]), (action_b, timings[1])):
            wall, cpu = timed(action)
            walls.append(wall)
            cpus.append(cpu)
    results = []
    for action, (walls, cpus) in ((action_a, timings[0]), (action_b, timings[1])):
        with CaptureQueriesContext(connection) as captured:
            action()
        results.append(
            Measurement(
                statistics.median(walls),
                len(captured),
                count,
                statistics.median(cpus),
            )
        )
    return results


def add_orders(site, start, count, rng):
    """Published orders made in bulk, and put into the search index."""
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    from mentoring_wagtail.models import Order

    orders = []
    for seq in range(start, start + count):
        date = datetime.date(2015 + seq % 10, 1 + seq % 12, 1 + seq % 28)
        orders.append(
            Order(
                site=site,
                number=f"{seq}-ОД",
                date=date,
                year=date.year,
                title="О " + rng.choice(WORDS),
                summary="Приказ по основной деятельности. " + rng.choice(WORDS),
                kind=rng.choice(KINDS),
                live=True,
            )
        )
    created = Order.objects.bulk_create(orders, batch_size=1000)
    if not created or created[0].pk is None:  # SQLite before returning ids
        created = list(Order.objects.filter(number__in=[o.number for o in orders]))
    get_search_backend().add_bulk(Order, created)
    if connection.vendor == "postgresql":
        # What autovacuum does after a load: up-to-date planner statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main():
    from django.db import connection
    from django.test import Client, override_settings

    # The registry's own queries and rendering are measured: the whole-page
    # cache and the registry's listing cache would answer from memory (with
    # no template context to check).
    with (
        benchmark_database(),
        override_settings(
            MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT=0,
            MENTORING_WAGTAIL_REGISTRY_CACHE_TIMEOUT=0,
        ),
    ):
        rng = random.Random(7)
        small_site, small_path = build_site("small.example", is_default=True)
        large_site, large_path = build_site("large.example")
        client = Client()

        def getter(host, path, params, check_results=False):
            def get():
                response = client.get(path, params, HTTP_HOST=host)
                assert response.status_code == 200
                if check_results:
                    assert response.context["documents"]

            return get

        # Search first over an index holding only the 100 orders, then over
        # 10 000 more: the index is shared by all sites.
        search_params = {"q": "наставничества"}
        add_orders(small_site, 1, SMALL, rng)
        search_small = measure(
            getter("small.example", small_path, search_params, True), runs=40
        )
        add_orders(large_site, 1, LARGE, rng)
        search_large = measure(
            getter("large.example", large_path, search_params, True), runs=40
        )

        def pair(params):
            return measure_side_by_side(
                getter("large.example", large_path, params),
                getter("small.example", small_path, params),
            )

        page = pair({})
        one_year = pair({"year": "2020"})

        vendor = connection.vendor
        print(f"Registry benchmark on {vendor} ({LARGE} vs {SMALL} orders)")
        print(format_row("registry page 1", *page, target=1.5))
        print(format_row("registry, one year", *one_year, target=1.5))
        search_target = 3.0 if vendor == "postgresql" else None
        print(
            format_row(
                "search «наставничества»", search_large, search_small, search_target
            )
        )
        same = page[0].queries == page[1].queries
        print(f"same query count for the page: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()

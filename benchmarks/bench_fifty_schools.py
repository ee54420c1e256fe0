"""One installation, fifty schools: setup, a curator's screens, the region.

    .venv/bin/python benchmarks/bench_fifty_schools.py
    MENTORING_DB=postgres .venv/bin/python benchmarks/bench_fifty_schools.py

Builds school 1 (a site, its «Наставничество» section and registry, the
records of a school: ``tests/fifty_schools.py``), runs ``mentoring_setup
--per-site`` and measures, as school 1's curator, every admin listing,
chooser and screen without parameters the package registers (walked from the
URL resolver), the dashboard and Wagtail's own listings and choosers a
curator works in; and, as the regional coordinator, the table of every
school. Then adds 49 schools the way a bulk import would (sites and sections
first, then ``mentoring_setup``, timed, with the number of groups it leaves),
gives each the same records, and measures everything again.

Prints, per screen, 50 schools' data against 1 side by side: the server's
CPU time per request (the test client serves in-process; median of the runs)
and its ratio, the queries, and the wall time for reference; target ≤ 1.5×
of CPU and equal queries. CPU rather than wall: on a shared, loaded machine
wall time moves several-fold between the two halves of one run. Then the
regional table over 50 schools (target < 1 s).
"""

import statistics
import sys

from harness import SMOKE, benchmark_database, measure, runs, scaled, timed

SCHOOLS = scaled(50, 2)
RUNS = runs(5)
TARGET = 1.5


def cpu_row(name, among, alone):
    """One screen: CPU per request, 50 vs 1, its ratio, queries, wall."""
    ratio = among.cpu_ms / alone.cpu_ms if alone.cpu_ms else 0.0
    verdict = "met" if ratio <= TARGET else "NOT met"
    queries = "equal" if among.queries == alone.queries else "NOT equal"
    return (
        f"{name}: CPU {among.cpu_ms:.1f} vs {alone.cpu_ms:.1f} ms = {ratio:.2f}× "
        f"(≤ {TARGET}×: {verdict}); queries {among.queries} vs {alone.queries} "
        f"({queries}); wall {among.median_ms:.1f} vs {alone.median_ms:.1f} ms"
    )


def measure_urls(client, urls):
    return {name: measure(lambda u=url: client.get(u), RUNS, 2) for name, url in urls}


def time_setup(label):
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from wagtail.models import Workflow

    wall, cpu = timed(
        lambda: call_command("mentoring_setup", per_site=True, verbosity=0)
    )
    print(
        f"{label}: {wall:.0f} ms (CPU {cpu:.0f} ms); "
        f"{Group.objects.count()} groups, {Workflow.objects.count()} workflows"
    )


def main():
    from django.db.models.signals import post_save
    from django.test import Client

    from mentoring_wagtail.setup.section_rights import connect_signals
    from tests.approvals_support import make_user
    from tests.fifty_schools import (
        Size,
        add_schools,
        curator_urls,
        populate_school,
        region_url,
    )

    size = Size() if SCHOOLS > 3 else Size(orders=4, mentors=3, mentees=6, answers=5)
    with benchmark_database():
        (school,) = add_schools(1, 1)
        time_setup("mentoring_setup, 1 school")
        populate_school(school, size)
        curator = Client()
        curator.force_login(make_user("curator_1", "curator", site=school.site))
        region = Client()
        region.force_login(make_user("region", "regional_coordinator"))
        urls = curator_urls(school)
        if SMOKE:  # a sample keeps the smoke run short; its figures mean nothing
            urls = urls[::8]
        alone = measure_urls(curator, urls)
        region_alone = measure(lambda: region.get(region_url()), RUNS, 1)

        # Sites and sections first, as a bulk import makes them; the section's
        # own receiver (roles at once) is what adding one school by hand uses.
        post_save.disconnect(dispatch_uid="mentoring-section-role-rights")
        try:
            others = add_schools(2, SCHOOLS - 1)
        finally:
            connect_signals()
        time_setup(f"mentoring_setup, {SCHOOLS} schools ({SCHOOLS - 1} new)")
        time_setup(f"mentoring_setup again, {SCHOOLS} schools (nothing new)")
        for other in others:
            populate_school(other, size)

        among = measure_urls(curator, urls)
        region_among = measure(lambda: region.get(region_url()), RUNS, 1)

        print(
            f"\nSchool 1's curator, {SCHOOLS} schools' data vs 1 "
            f"(median of {RUNS}; server CPU per request):"
        )
        flat = met = 0
        ratios = []
        for name, _url in urls:
            print(cpu_row(name, among[name], alone[name]))
            flat += among[name].queries == alone[name].queries
            ratios.append(among[name].cpu_ms / (alone[name].cpu_ms or 1))
            met += ratios[-1] <= TARGET
        print(
            f"equal queries on {flat} of {len(urls)} screens; CPU ≤ {TARGET}× on "
            f"{met} of {len(urls)} (median {statistics.median(ratios):.2f}×, "
            f"highest {max(ratios):.2f}×)"
        )
        verdict = "met" if region_among.median_ms < 1000 else "NOT met"
        print(
            f"\nregional table over {SCHOOLS} schools: "
            f"{region_among.median_ms:.1f} ms, CPU {region_among.cpu_ms:.1f} ms, "
            f"{region_among.queries} queries (1 school: "
            f"{region_alone.median_ms:.1f} ms, CPU {region_alone.cpu_ms:.1f} ms, "
            f"{region_alone.queries} queries); target < 1 s: {verdict}"
        )


if __name__ == "__main__":
    sys.exit(main())

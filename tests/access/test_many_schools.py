"""Many schools in one installation: a school's screens cost what they cost alone.

A curator's every listing, chooser and the dashboard make the same number of
queries whether the installation holds one school's records or six (every
school with the same records: ``tests/fifty_schools.py``); the regional
coordinator's table of every school makes the same number of queries for one
school as for six. Times are measured by ``benchmarks/bench_fifty_schools.py``
(fifty schools), never asserted here.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..approvals_support import make_user
from ..fifty_schools import (
    Size,
    add_schools,
    build_schools,
    curator_urls,
    populate_school,
    region_url,
)

pytestmark = pytest.mark.django_db
MORE = 5
# A few rows of each kind: enough for every listing to show rows.
SMALL = Size(orders=4, programme_documents=2, mentors=3, mentees=6, answers=5)


def query_counts(client, urls, warm=None):
    """``{name: (status, queries)}``, each measured after a first request to
    ``warm`` (by default to each URL itself), which fills the per-process caches
    a second request finds full."""
    for _name, url in warm or ():
        client.get(url)
    counts = {}
    for name, url in urls:
        if warm is None:
            client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        counts[name] = (response.status_code, len(captured))
    return counts


def differences(alone, among):
    return [
        f"{name}: {alone[name]} alone, {among[name]} among {MORE + 1} schools"
        for name in alone
        if alone[name] != among[name]
    ]


def test_a_curators_screens_make_the_same_queries_among_six_schools(client):
    (school,) = add_schools(1, 1)
    call_command("mentoring_setup", per_site=True, verbosity=0)
    populate_school(school, SMALL)
    client.force_login(make_user("curator_1", "curator", site=school.site))
    urls = curator_urls(school)
    alone = query_counts(client, urls)
    listings = [name for name, (status, _q) in alone.items() if status == 200]
    # The walk found the curator's listings and choosers, not only refusals.
    for name in (
        "wagtailadmin_home",
        "wagtailsnippets_mentoring_wagtail_regulation:list",
        "wagtailsnippetchoosers_mentoring_wagtail_order:choose",
        "mentoring_mentees:index",
        "mentoring_mentee_chooser:choose",
        "mentoring_monitoring_overview",
        "wagtaildocs_chooser:choose",
    ):
        assert name in listings, alone.get(name)

    build_schools(2, MORE, SMALL)
    # Every view has had its first request; new sites empty only Wagtail's
    # cache of the sites' root paths, which the dashboard fills again.
    among = query_counts(client, urls, warm=urls[:1])

    assert not differences(alone, among), "\n".join(differences(alone, among))


def test_the_regional_table_makes_the_same_queries_for_one_school_and_six(client):
    schools = add_schools(1, 1)
    call_command("mentoring_setup", per_site=True, verbosity=0)
    populate_school(schools[0], SMALL)
    reader = make_user("region", "regional_coordinator")
    client.force_login(reader)
    (alone,) = query_counts(client, [("region", region_url())]).values()

    schools += build_schools(2, MORE, SMALL)
    response = client.get(region_url())
    (among,) = query_counts(client, [("region", region_url())]).values()

    assert alone[0] == 200
    for school in schools:
        assert school.site.site_name in response.content.decode()
    assert among == alone

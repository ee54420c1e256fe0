import os
from contextlib import contextmanager

import pytest
from django.db import connection

pytest_plugins = ["tests.time_budget"]

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run there unless told the test is synchronous anyway.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, django_db_blocker
):
    """With MENTORING_DEV_NO_MIGRATIONS, make throwaway migrations first."""
    if os.environ.get("MENTORING_DEV_NO_MIGRATIONS"):
        from django.core.management import call_command

        with django_db_blocker.unblock():
            call_command("makemigrations", "mentoring_wagtail", verbosity=0)
            call_command("makemigrations", "mentoring_participants", verbosity=0)
            call_command("makemigrations", "mentoring_portfolios", verbosity=0)
            call_command("makemigrations", "mentoring_monitoring", verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def postgres_flush_by_delete():
    """On PostgreSQL a transactional test's flush empties the tables with
    DELETE rather than TRUNCATE.

    The tables hold a few dozen rows; TRUNCATE replaces every table's files and
    waits for the disk (6–8 s a flush with the machine busy, 0.4 s of server
    CPU), DELETE does not (0.6–1.4 s). The result is the same: every table
    empty, sequences not reset (Django's test flush does not reset them
    either; with ``reset_sequences`` TRUNCATE stays). The foreign keys Django
    makes are deferred, so the order of the tables does not matter.
    """
    if connection.vendor != "postgresql":
        yield
        return
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(
                self,
                style,
                tables,
                reset_sequences=reset_sequences,
                allow_cascade=allow_cascade,
            )
        return ["SET CONSTRAINTS ALL DEFERRED;"] + [
            f"DELETE FROM {self.quote_name(table)};"  # noqa: S608 (Django's own table names)
            for table in tables
        ]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh folder for every test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Django's cache starts empty: the database is rolled back, keys are not."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def wagtail_base_rows(request):
    """Give transactional tests the root page, site, collection and locale back."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "live_server" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if not transactional:
        return
    request.getfixturevalue("_django_db_helper")
    from tests.wagtail_base import ensure_wagtail_base

    ensure_wagtail_base()


def pytest_collection_modifyitems(config, items):
    on_postgres = os.environ.get("MENTORING_DB") == "postgres"
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (MENTORING_DB=postgres)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium driven by Playwright.

    Missing Chromium skips browser tests on a developer's machine; in CI
    (CI=true) it is a failure, since scripts/test installs it.
    """
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; scripts/test installs it")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# How long a browser step may wait for the page: a navigation, a click's
# target, an ``expect``. Only a wait, never a verdict: a step that succeeds
# does so as soon as the page is there. With the machine's cores busy (load
# 12–18 beside the suite) the live server on PostgreSQL took more than 15 s to
# answer a ``goto``.
BROWSER_WAIT_MS = 60_000


@contextmanager
def fresh_page(chromium):
    """A fresh browser context and page (Russian locale), closed after use."""
    from playwright.sync_api import expect

    expect.set_options(timeout=BROWSER_WAIT_MS)
    context = chromium.new_context(locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(BROWSER_WAIT_MS)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh browser context and page (Russian locale) for one test."""
    with fresh_page(chromium) as page:
        yield page


@pytest.fixture
def home_page(db):
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page


@pytest.fixture
def mentoring_section(home_page):
    """A published «Наставничество» section under the default site's home page."""
    from mentoring_wagtail.models import MentoringIndexPage

    return home_page.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )

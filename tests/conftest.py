import os

import pytest
from django.db import connection

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run there unless told the test is synchronous anyway.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh folder for every test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pytest_collection_modifyitems(config, items):
    on_postgres = os.environ.get("MENTORING_DB") == "postgres"
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (MENTORING_DB=postgres)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"

"""Migrations are complete and every one of them reverses, on either database.

The migrations are read from disk, so those merged from other branches are
covered without naming them.
"""

import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import RunPython, RunSQL

APP = "mentoring_wagtail"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        bool(os.environ.get("MENTORING_DEV_NO_MIGRATIONS")),
        reason="throwaway migrations are being used",
    ),
]


def app_migrations():
    """``[(name, migration)]`` of the app in dependency order."""
    loader = MigrationExecutor(connection).loader
    plan = loader.graph.forwards_plan(loader.graph.leaf_nodes(APP)[0])
    return [(key[1], loader.graph.nodes[key]) for key in plan if key[0] == APP]


def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", APP, "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_data_migrations_have_a_reverse():
    for name, migration in app_migrations():
        for operation in migration.operations:
            assert operation.reversible, name
            if isinstance(operation, RunPython):
                assert operation.reverse_code is not RunPython.noop, name
            if isinstance(operation, RunSQL):
                assert operation.reverse_sql not in (None, RunSQL.noop), name


def applied():
    executor = MigrationExecutor(connection)
    return {name for app, name in executor.loader.applied_migrations if app == APP}


@pytest.mark.slow(
    reason="loads the demo school, then walks every migration of the app down "
    "to zero one at a time and all of them up again (32-34 s of CPU)"
)
def test_every_migration_reverses_down_to_zero_and_up_again(demo_data):
    migrations = app_migrations()
    assert len(migrations) >= 4
    # One step at a time, newest first, with the demo's rows in the tables.
    for index in range(len(migrations) - 1, -1, -1):
        target = migrations[index - 1][0] if index else "zero"
        call_command("migrate", APP, target, verbosity=0)
        assert applied() == {name for name, _m in migrations[:index]}
    call_command("migrate", verbosity=0)
    assert applied() == {name for name, _m in migrations}
    out = StringIO()
    call_command("showmigrations", APP, stdout=out)
    assert "[ ]" not in out.getvalue()


@pytest.fixture
def demo_data():
    call_command("load_demo_school", stdout=StringIO())

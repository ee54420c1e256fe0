"""An import killed mid-way leaves nothing behind.

``manage.py import_roadmap`` runs in a child process against the test
database (PostgreSQL: the child cannot see an in-memory SQLite), on a roadmap
of 1,990 rows (under the limit), published so that the transaction writes the page, its revision
and the log. The test watches ``pg_stat_activity`` for the child's connection
inside a transaction of several statements, then either kills the process
(SIGKILL) or drops its connection (``pg_terminate_backend``). No page, revision
or log entry of the import is left; the same import run to the end does
create the page (so the watch did catch it mid-way).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from wagtail.models import ModelLogEntry, PageLogEntry, Revision

from mentoring_wagtail.models import MentoringIndexPage, RoadmapPage
from tests import roadmap_docx

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
APP_NAME = "mentoring-import-kill-test"
ROOT = Path(__file__).resolve().parents[2]
IN_TRANSACTION = """
    SELECT pid FROM pg_stat_activity
    WHERE application_name = %s AND datname = current_database()
      AND (state = 'idle in transaction' OR xact_start < query_start)
"""


def start_import(path, parent, media_root):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",  # a cache of its own
        "MENTORING_DB": "postgres",
        "PGDATABASE": connection.settings_dict["NAME"],
        "PGAPPNAME": APP_NAME,
        "MEDIA_ROOT": str(media_root),
        "PYTHONPATH": f"{ROOT}:{ROOT / 'example_site'}",
    }
    return subprocess.Popen(  # noqa: S603 - our own manage.py
        [
            sys.executable,
            str(ROOT / "example_site" / "manage.py"),
            "import_roadmap",
            str(path),
            "--parent",
            str(parent.pk),
            "--publish",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_inside_transaction(process, timeout=120):
    with connection.cursor() as cursor:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            cursor.execute(IN_TRANSACTION, [APP_NAME])
            row = cursor.fetchone()
            if row:
                return row[0]
            time.sleep(0.005)
    return None


def traces():
    return (
        RoadmapPage.objects.count(),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        ModelLogEntry.objects.count(),
    )


@pytest.mark.parametrize("how", ["sigkill", "connection dropped"])
def test_an_interrupted_import_leaves_no_partial_page(how, tmp_path):
    section = mentoring_section_committed()
    path = tmp_path / "roadmap.docx"
    path.write_bytes(roadmap_docx.many_rows(1990))
    before = traces()
    process = start_import(path, section, tmp_path / "media")
    pid = wait_inside_transaction(process)
    assert pid is not None, process.communicate()[1].decode()[-2000:]
    if how == "sigkill":
        process.send_signal(signal.SIGKILL)
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    process.wait(timeout=60)
    assert process.returncode != 0
    time.sleep(0.2)  # the server ends the dead backend's transaction
    assert traces() == before
    assert not RoadmapPage.objects.exists()
    # Run to the end, the same import does make the page.
    process = start_import(path, section, tmp_path / "media")
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()[-2000:]
    assert RoadmapPage.objects.count() == 1


def mentoring_section_committed():
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )

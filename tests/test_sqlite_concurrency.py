"""The embedded SQLite default survives one person's overlapping clicks.

The editor's autosave and a submit arrive together; the second writer must
wait for the first, never answer «database is locked» (issue 25, item 14).
"""

import threading
import time

from django.db.utils import ConnectionHandler
from example_site.settings import database_from_environment


def _connection(path, monkeypatch):
    monkeypatch.setenv("MENTORING_DB", "sqlite")
    monkeypatch.setenv("SQLITE_PATH", str(path))
    handler = ConnectionHandler({"default": database_from_environment()})
    return handler["default"]


def test_a_second_writer_waits_for_the_first(tmp_path, monkeypatch, django_db_blocker):
    with django_db_blocker.unblock():
        _two_writers(tmp_path, monkeypatch)


def _two_writers(tmp_path, monkeypatch):
    path = tmp_path / "school.sqlite3"
    first = _connection(path, monkeypatch)
    second = _connection(path, monkeypatch)
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE note (text TEXT)")
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

    first.inc_thread_sharing()  # the "autosave" runs in a thread of its own
    holding = threading.Event()
    errors = []

    def autosave():
        try:
            with first.cursor() as cursor:
                cursor.execute("BEGIN IMMEDIATE")
                cursor.execute("INSERT INTO note VALUES ('autosave')")
                holding.set()
                time.sleep(1.5)  # longer than SQLite's default 0 ms busy wait
                cursor.execute("COMMIT")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
            holding.set()

    thread = threading.Thread(target=autosave)
    thread.start()
    holding.wait(5)
    with second.cursor() as cursor:
        # Readers are not blocked by the writer in WAL mode.
        assert cursor.execute("SELECT count(*) FROM note").fetchone()[0] == 0
        cursor.execute("INSERT INTO note VALUES ('submit')")
    thread.join()
    assert not errors
    with second.cursor() as cursor:
        rows = sorted(r[0] for r in cursor.execute("SELECT text FROM note"))
    assert rows == ["autosave", "submit"]
    first.dec_thread_sharing()
    first.close()
    second.close()

"""A real worker (``manage.py mentoring_worker``, django-tasks-db's
``db_worker`` with a heartbeat) on the test database, one for each test.

One per test, not per module: after each transactional test the database is
flushed and its content types made again under new ids, which a worker kept
alive would still hold in its cache (an audit-log entry of the next test then
named a content type that no longer exists).
"""

import os
import subprocess
import sys
import time
from importlib.util import find_spec
from pathlib import Path

import pytest

from mentoring_wagtail.background.models import BackgroundJob

ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Worker:
    def __init__(self, process, log, media_root):
        self.process = process
        self.log = log
        self.media_root = media_root

    def output(self):
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, job, states=("done",), timeout=60):
        """The job as the worker left it, once in one of ``states``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.state in states:
                return job
            assert self.process.poll() is None, self.output()
            time.sleep(0.1)
        raise AssertionError(
            f"job {job.pk} still {job.state} after {timeout} s\n{self.output()}"
        )

    def drain(self, timeout=60):
        """Wait until the worker has no task left (before the test's rows
        are deleted under it)."""
        from django_tasks_db.models import DBTaskResult

        deadline = time.monotonic() + timeout
        while DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            assert self.process.poll() is None, self.output()
            assert time.monotonic() < deadline, self.output()
            time.sleep(0.1)

    def kill(self):
        """SIGKILL, as the OOM killer or a lost machine stops a worker."""
        self.process.kill()
        self.process.wait()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def start_worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """Starts a ``manage.py mentoring_worker`` (``start_worker(worker_id)``);
    all of the test's workers share one media folder and stop after it."""
    from django.db import connection

    folder = tmp_path_factory.mktemp("worker")
    media_root = folder / "media"
    started = []

    def start(worker_id=None):
        log = folder / f"worker-{len(started)}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings_worker",
            "MENTORING_WORKER_DB_NAME": str(connection.settings_dict["NAME"]),
            "MENTORING_WORKER_MEDIA_ROOT": str(media_root),
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
        }
        command = [
            sys.executable,
            "-m",
            "django",
            "mentoring_worker",
            "--interval",
            "0.1",
            "--no-reload",
            "--no-startup-delay",
        ]
        if worker_id:
            command += ["--worker-id", worker_id]
        with log.open("w") as out:
            process = subprocess.Popen(  # noqa: S603 (our own interpreter and command)
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        started.append(Worker(process, log, media_root))
        return started[-1]

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def db_worker(start_worker):
    return start_worker()


@pytest.fixture
def worker(db_worker):
    """The test's worker, idle again when the test ends."""
    yield db_worker
    db_worker.drain()


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """This process enqueues into the database, as a site with a worker does.

    A task object is built by the backend configured when its module was
    imported: here the immediate one, so on Django 6 Wagtail's and the
    package's tasks are the backport's ``Task`` while django-tasks-db checks
    for Django's own when it reads a row back. A site never switches backends
    at run time; the test lets the backend accept both.
    """
    settings.TASKS = DATABASE_TASKS
    if find_spec("django.tasks"):
        import django.tasks
        import django_tasks.base
        import django_tasks_db.models

        monkeypatch.setattr(
            django_tasks_db.models,
            "Task",
            (django.tasks.Task, django_tasks.base.Task),
        )
    yield
    BackgroundJob.objects.all().delete()

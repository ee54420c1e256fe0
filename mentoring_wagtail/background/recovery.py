"""Tasks left «running» by a dead worker are started again.

django-tasks-db claims a task by writing ``RUNNING`` and appending the
worker's id to ``worker_ids``; it has no heartbeat, so a worker killed
mid-task (SIGKILL, the OOM killer, a lost machine) leaves the row
``RUNNING`` for ever and nobody runs it again.

``manage.py mentoring_worker`` (django-tasks-db's ``db_worker`` with a
heartbeat) records a ``WorkerHeartbeat`` row for its worker id and renews it
every ``WORKER_HEARTBEAT`` seconds from a thread. At start and every
``WORKER_DEAD_AFTER / 2`` seconds each worker looks for ``RUNNING`` tasks
whose worker (the last of ``worker_ids``) has not been seen for
``WORKER_DEAD_AFTER`` seconds, and hands each back to the queue:

- the task row goes back to ``READY`` (the next worker appends its own id,
  so ``worker_ids`` shows every worker that ran it);
- for the package's ``run_job``, its ``BackgroundJob`` goes back to «queued»
  with the dead worker named in its error, the killed run counting as an
  attempt; once its attempts are spent it stays «failed» on «Фоновые
  задачи», where «Повторить» starts it again. Another task is failed after
  ``TASK_MAX_ATTEMPTS`` workers died running it.

A task whose worker wrote no heartbeat (a plain ``db_worker``) is handed back
only after ``TASK_STALE_AFTER`` seconds. Rows are taken with
``SELECT … FOR UPDATE SKIP LOCKED`` (an exclusive transaction on SQLite), so
any number of workers on any number of machines may recover at once: each
orphan is handed back once. No state is kept in a process.
"""

import datetime
import logging
import os
import socket
import threading

from django.db import close_old_connections, connections
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from ..conf import get_setting
from .jobs import run_job
from .models import BackgroundJob, JobState, WorkerHeartbeat

logger = logging.getLogger(__name__)

READY = "READY"
RUNNING = "RUNNING"
FAILED = "FAILED"


class WorkerLost(Exception):
    """The worker running a task stopped without finishing it."""


def beat(worker_id, started_at=None):
    """Record that ``worker_id`` is alive now."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen": now},
        create_defaults={
            "last_seen": now,
            "started_at": started_at or now,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def forget(worker_id):
    """A worker that stops cleanly leaves no heartbeat behind."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def _job_pk(result):
    arguments = result.args_kwargs or {}
    args = arguments.get("args") or []
    return args[0] if args else (arguments.get("kwargs") or {}).get("job_pk")


def _hand_back_job(result, message):
    """The job of a dead worker's ``run_job``: queued again while it has
    attempts left; ``False`` when it has none (it is failed)."""
    job = BackgroundJob.objects.filter(pk=_job_pk(result)).first()
    if job is None or job.state != JobState.RUNNING:
        # Done, failed or already queued again by «Повторить»: run_job
        # skips it or runs it once; nothing to change here.
        return True
    retry = job.attempts < job.max_attempts
    BackgroundJob.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
        state=JobState.QUEUED if retry else JobState.FAILED,
        error=message,
        finished_at=None if retry else timezone.now(),
    )
    return retry


def _hand_back(result, worker, last_seen):
    seen = last_seen.isoformat(timespec="seconds") if last_seen else _("never")
    message = _(
        "The worker %(worker)s stopped while running this task (last seen %(seen)s)."
    ) % {"worker": worker or "?", "seen": seen}
    if result.task_path == run_job.module_path:
        retry = _hand_back_job(result, message)
    else:
        retry = len(result.worker_ids) < get_setting("TASK_MAX_ATTEMPTS")
    if retry:
        DBTaskResult.objects.filter(pk=result.pk, status=RUNNING).update(status=READY)
        logger.warning(
            "Task %s (%s) of the dead worker %s (last seen %s) is queued again",
            result.pk,
            result.task_path,
            worker,
            seen,
        )
    else:
        result.set_failed(WorkerLost(message))
        logger.error(
            "Task %s (%s) of the dead worker %s has no attempts left: failed",
            result.pk,
            result.task_path,
            worker,
        )
    return retry


def recover_orphaned_tasks(current_worker=None):
    """Hand back every task «running» under a dead worker; returns how many.

    ``current_worker``: the caller's own id, never taken for dead.
    """
    now = timezone.now()
    dead_before = now - datetime.timedelta(seconds=get_setting("WORKER_DEAD_AFTER"))
    stale_before = now - datetime.timedelta(seconds=get_setting("TASK_STALE_AFTER"))
    seen = dict(WorkerHeartbeat.objects.values_list("worker_id", "last_seen"))
    recovered = 0
    with exclusive_transaction(DBTaskResult.objects.db):
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for result in running:
            worker = result.worker_ids[-1] if result.worker_ids else None
            if worker == current_worker:
                continue
            last_seen = seen.get(worker)
            if last_seen is not None and last_seen >= dead_before:
                continue
            if last_seen is None and (result.started_at or now) >= stale_before:
                # No heartbeat at all (a plain db_worker): only a task
                # running for TASK_STALE_AFTER is taken for lost.
                continue
            _hand_back(result, worker, last_seen)
            recovered += 1
        WorkerHeartbeat.objects.filter(last_seen__lt=dead_before).exclude(
            worker_id=current_worker
        ).delete()
    return recovered


class Heartbeat(threading.Thread):
    """Beats for ``worker_id`` and recovers dead workers' tasks, beside the
    worker's own loop (which runs tasks and may be busy for long)."""

    def __init__(self, worker_id):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopped = threading.Event()
        self.last_recovery = None

    def start_beating(self):
        """The first beat and recovery, before any task is claimed."""
        beat(self.worker_id, self.started_at)
        self.recover()
        self.start()

    def recover(self):
        count = recover_orphaned_tasks(current_worker=self.worker_id)
        self.last_recovery = timezone.now()
        if count:
            logger.warning(
                "Worker %s queued %s lost tasks again", self.worker_id, count
            )

    def tick(self):
        beat(self.worker_id, self.started_at)
        every = datetime.timedelta(seconds=get_setting("WORKER_DEAD_AFTER") / 2)
        if self.last_recovery is None or timezone.now() - self.last_recovery >= every:
            self.recover()

    def run(self):
        try:
            while not self.stopped.wait(get_setting("WORKER_HEARTBEAT")):
                try:
                    close_old_connections()
                    self.tick()
                except Exception:
                    # A locked SQLite file, a database restart, …: the next
                    # beat tries again (the dead-after allows a few misses).
                    # The thread never dies while its worker runs, or the
                    # worker would be taken for dead and its task run twice.
                    logger.exception("Heartbeat of %s missed", self.worker_id)
                    close_old_connections()
        finally:
            connections.close_all()

    def stop(self):
        self.stopped.set()
        self.join(timeout=get_setting("WORKER_HEARTBEAT") + 5)

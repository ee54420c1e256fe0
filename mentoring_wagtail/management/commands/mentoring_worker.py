"""``manage.py mentoring_worker``: django-tasks-db's ``db_worker`` with a
heartbeat, so that a task left running by a dead worker is started again.

It takes every ``db_worker`` option (``--queue-name``, ``--interval``,
``--worker-id`` …). Before it claims a task it records its heartbeat and hands
back the tasks of workers not seen for ``WORKER_DEAD_AFTER`` seconds; then a
thread renews the heartbeat and repeats the recovery while the worker runs
(``mentoring_wagtail.background.recovery``, docs/operations/background-tasks.md).
Needs the ``tasks`` extra (django-tasks-db) in ``INSTALLED_APPS``.
"""

import logging

from django.utils.translation import gettext_lazy as _
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from ...background.recovery import Heartbeat, forget
from ...background.recovery import logger as recovery_logger
from ..localized_help import LocalizedHelpCommand


class Command(LocalizedHelpCommand, DbWorkerCommand):
    help = _(
        "Run the database task worker with a heartbeat; the tasks of a worker "
        "that stopped mid-task are started again."
    )

    def configure_logging(self, verbosity):
        super().configure_logging(verbosity)
        # The recovery's lines go where the worker's own go.
        recovery = logging.getLogger(recovery_logger.name)
        recovery.setLevel(logging.INFO if verbosity else logging.CRITICAL)
        if not recovery.hasHandlers():
            recovery.addHandler(logging.StreamHandler(self.stdout))

    def handle(self, *args, **options):
        self.configure_logging(options["verbosity"])
        worker_id = options["worker_id"]
        heartbeat = Heartbeat(worker_id)
        heartbeat.start_beating()
        try:
            super().handle(*args, **options)
        finally:
            # A clean stop (SIGTERM after the current task, --batch,
            # --max-tasks): nothing of this worker is left to recover.
            heartbeat.stop()
            forget(worker_id)

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

from django.apps import apps
from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from ..localized_help import LocalizedHelpCommand

HELP = _(
    "Run the database task worker with a heartbeat; the tasks of a worker "
    "that stopped mid-task are started again."
)

OPTION_HELP = {
    "queue_name": _(
        "queues to process, separated by commas; '*' for all (default: %(default)s)"
    ),
    "exclude_queues": _("queues to leave out, separated by commas (with '*' only)"),
    "interval": _(
        "seconds to wait before looking for a task again when the queue is "
        "empty (default: %(default)s)"
    ),
    "batch": _("run the tasks waiting now, then stop"),
    "reload": _("restart on code changes; not for production (default: DEBUG)"),
    "backend_name": _("the task backend to work for (default: %(default)s)"),
    "startup_delay": _("start at once, without a short random delay"),
    "max_tasks": _("stop after this many tasks"),
    "worker_id": _(
        "the worker's id, unique among all workers on all machines "
        "(default: a random one)"
    ),
}


class MissingBackendCommand(LocalizedHelpCommand):
    """Without django-tasks-db the worker has nothing to run: say so."""

    help = HELP

    def handle(self, *args, **options):
        raise CommandError(
            _(
                "The task worker needs django-tasks-db: install the package's "
                "«tasks» extra, add django_tasks_db to INSTALLED_APPS and set "
                "TASKS to its DatabaseBackend (see the operations page "
                "«Background tasks»)."
            )
        )


if apps.is_installed("django_tasks_db"):
    from django_tasks_db.management.commands.db_worker import (
        Command as DbWorkerCommand,
    )

    from ...background.recovery import Heartbeat, forget
    from ...background.recovery import logger as recovery_logger

    class WorkerCommand(LocalizedHelpCommand, DbWorkerCommand):
        help = HELP

        def add_arguments(self, parser):
            super().add_arguments(parser)
            # db_worker's own options, explained in the admin's language.
            for action in parser._actions:
                if action.dest in OPTION_HELP:
                    action.help = OPTION_HELP[action.dest]

        def configure_logging(self, verbosity):
            super().configure_logging(verbosity)
            # The recovery's lines go where the worker's own go.
            level = logging.INFO if verbosity else logging.CRITICAL
            recovery_logger.setLevel(level)
            if not recovery_logger.hasHandlers():
                recovery_logger.addHandler(logging.StreamHandler(self.stdout))

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

    Command = WorkerCommand
else:
    Command = MissingBackendCommand

"""The settings of the worker subprocess that tests/background/ start:
the test settings on the pytest process's test database, tasks kept in it."""

import os

from tests.settings import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["MENTORING_WORKER_DB_NAME"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A failed job is retried at once: the tests wait for it.
MENTORING_WAGTAIL_TASK_RETRY_DELAYS = (0,)
MEDIA_ROOT = os.environ["MENTORING_WORKER_MEDIA_ROOT"]
# A worker silent for 2 s is dead: the recovery test waits that long.
MENTORING_WAGTAIL_WORKER_HEARTBEAT = 0.2
MENTORING_WAGTAIL_WORKER_DEAD_AFTER = 2
# The worker's front-end cache purges, written down for the test to read
# (used only when the test process enqueues a purge).
WAGTAILFRONTENDCACHE = {
    "recording": {
        "BACKEND": "tests.public.recording_backend.FileRecordingBackend",
        "LOCATION": os.path.join(MEDIA_ROOT, "purged.txt"),
    }
}

"""A worker SIGKILLed mid-task: the next worker finishes the task, once in
effect, and «Фоновые задачи» shows it done (real worker processes)."""

import time

import pytest
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mentoring_wagtail.background.jobs import enqueue_job, run_job
from mentoring_wagtail.background.models import BackgroundJob, JobState

from .jobs_for_tests import two_steps_waiting_between

pytestmark = pytest.mark.django_db(transaction=True)

TASKS_PAGE = "/admin/mentoring/background-tasks/"
TITLE = "Проверка остановки обработчика"


def _wait_for_file(path, worker, timeout=60):
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert worker.process.poll() is None, worker.output()
        assert time.monotonic() < deadline, worker.output()
        time.sleep(0.05)


def test_the_task_of_a_killed_worker_is_finished_once_by_the_next_worker(
    start_worker, database_tasks, admin_client, tmp_path
):
    effects, started, release = (tmp_path / name for name in ("effects", "on", "go"))
    first = start_worker("worker-one")
    job = enqueue_job(
        two_steps_waiting_between,
        TITLE,
        effects=str(effects),
        started=str(started),
        release=str(release),
    )
    _wait_for_file(started, first)
    first.kill()

    # What django-tasks-db alone leaves behind: «running» for ever.
    task = DBTaskResult.objects.get(task_path=run_job.module_path)
    assert task.status == TaskResultStatus.RUNNING
    job.refresh_from_db()
    assert job.state == JobState.RUNNING and job.steps_done == ["first"]

    release.touch()
    second = start_worker("worker-two")
    job = second.wait_for(job)
    # The first step was not made again, the second was made once.
    assert effects.read_text().splitlines() == ["first", "second"]
    assert job.attempts == 2 and job.result == {"ran_on_attempt": 2}
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.worker_ids == ["worker-one", "worker-two"]
    assert "worker-one" in second.output()
    second.drain()

    page = admin_client.get(TASKS_PAGE + "?state=done").content.decode()
    assert TITLE in page
    assert not BackgroundJob.objects.exclude(state=JobState.DONE).exists()
    assert DBTaskResult.objects.count() == 1

"""Which «running» tasks the recovery hands back, and what the admin then sees
(the rules, without worker processes; test_worker_killed.py kills one)."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mentoring_wagtail.background.jobs import run_job
from mentoring_wagtail.background.models import BackgroundJob, JobState, WorkerHeartbeat
from mentoring_wagtail.background.recovery import beat, recover_orphaned_tasks

pytestmark = pytest.mark.django_db

TASKS_PAGE = "/admin/mentoring/background-tasks/"


def _ago(seconds):
    return timezone.now() - datetime.timedelta(seconds=seconds)


def _running(worker, attempts=1, max_attempts=3, started=5, task_path=None):
    job = BackgroundJob.objects.create(
        title="Отчёт за 2025/2026 учебный год",
        job_path="mentoring_wagtail.monitoring.report_job.make_year_report",
        state=JobState.RUNNING,
        attempts=attempts,
        max_attempts=max_attempts,
        started_at=_ago(started),
    )
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [job.pk], "kwargs": {}},
        task_path=task_path or run_job.module_path,
        backend_name="default",
        status=TaskResultStatus.RUNNING,
        started_at=_ago(started),
        worker_ids=[worker],
    )
    return job, task


def _seen(worker, seconds_ago):
    beat(worker)
    WorkerHeartbeat.objects.filter(worker_id=worker).update(last_seen=_ago(seconds_ago))


def _states(job, task):
    job.refresh_from_db()
    task.refresh_from_db()
    return job.state, task.status


def test_a_dead_workers_task_is_queued_again_and_a_live_ones_is_not(settings):
    settings.MENTORING_WAGTAIL_WORKER_DEAD_AFTER = 60
    _seen("alive", 5)
    _seen("dead", 120)
    alive = _running("alive")
    dead = _running("dead")
    assert recover_orphaned_tasks(current_worker="me") == 1
    assert _states(*alive) == (JobState.RUNNING, TaskResultStatus.RUNNING)
    assert _states(*dead) == (JobState.QUEUED, TaskResultStatus.READY)
    assert "dead" in dead[0].error
    # The dead worker's heartbeat is gone; a second pass finds nothing.
    assert not WorkerHeartbeat.objects.filter(worker_id="dead").exists()
    assert recover_orphaned_tasks(current_worker="me") == 0


def test_a_worker_never_takes_itself_for_dead(settings):
    settings.MENTORING_WAGTAIL_WORKER_DEAD_AFTER = 60
    _seen("me", 120)
    mine = _running("me")
    assert recover_orphaned_tasks(current_worker="me") == 0
    assert _states(*mine) == (JobState.RUNNING, TaskResultStatus.RUNNING)


def test_a_task_of_a_worker_without_heartbeat_waits_for_the_stale_limit(settings):
    settings.MENTORING_WAGTAIL_TASK_STALE_AFTER = 3600
    recent = _running("plain-db-worker", started=600)
    old = _running("plain-db-worker", started=7200)
    assert recover_orphaned_tasks() == 1
    assert _states(*recent) == (JobState.RUNNING, TaskResultStatus.RUNNING)
    assert _states(*old) == (JobState.QUEUED, TaskResultStatus.READY)


def test_a_job_killed_on_its_last_attempt_stays_failed_with_retry(admin_client):
    _seen("dead", 3600)
    job, task = _running("dead", attempts=3, max_attempts=3)
    assert recover_orphaned_tasks() == 1
    assert _states(job, task) == (JobState.FAILED, TaskResultStatus.FAILED)
    assert task.exception_class_path.endswith("recovery.WorkerLost")
    page = admin_client.get(TASKS_PAGE + "?state=failed").content.decode()
    assert "Отчёт за 2025/2026 учебный год" in page
    assert f'data-retry="{job.pk}"' in page


def test_another_task_is_run_again_until_too_many_workers_died_on_it(settings):
    _seen("dead", 3600)
    path = "mentoring_wagtail.signatures.tasks.compute_streebog"
    _job, once = _running("dead", task_path=path)
    _job, thrice = _running("dead", task_path=path)
    DBTaskResult.objects.filter(pk=thrice.pk).update(worker_ids=["a", "b", "dead"])
    assert recover_orphaned_tasks() == 2
    once.refresh_from_db()
    thrice.refresh_from_db()
    assert once.status == TaskResultStatus.READY
    assert thrice.status == TaskResultStatus.FAILED

"""Declare, enqueue, run and retry background jobs.

``enqueue_job`` writes a ``BackgroundJob`` row and hands its id to the task
backend once the transaction commits, so the request never waits and a
rolled-back request starts nothing. The task (``run_job``) runs the job's
function, counts the attempt and records the outcome; a failure is retried
later (``MENTORING_WAGTAIL_TASK_RETRY_DELAYS``) until the attempts run out,
then stays «failed» on the «Фоновые задачи» page, where «Повторить» starts it
again. A job that is done is never run again, and a job function marks its
own steps (``job.mark_step``) so that a retry skips what was already done.
"""

import datetime
import logging
import traceback

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from ..conf import get_setting
from .models import BackgroundJob, JobState

logger = logging.getLogger(__name__)

JOB_MARK = "_mentoring_background_job"


def background_job(function):
    """Mark a module-level function ``f(job, **arguments)`` as a job; only
    marked functions are run from a stored path."""
    setattr(function, JOB_MARK, True)
    return function


def _path(function):
    return f"{function.__module__}.{function.__qualname__}"


def runs_in_request():
    """True with the immediate backend (the demo's, the tests'): no worker,
    the task runs inside ``enqueue``."""
    # django_tasks' and Django 6's own immediate backends share the name.
    return type(run_job.get_backend()).__name__ == "ImmediateBackend"


def enqueue_job(
    function, title, *, key=None, user=None, now_if_immediate=False, **arguments
):
    """Record the job and start it after the commit; returns the job.

    With ``key``, a job of the same key already recorded is returned instead
    (and started again only if it had failed): one event, one job.
    ``now_if_immediate``: with the immediate backend, run it at once, inside
    the transaction, for a view that hands its result back in the response
    (there is no worker to wait for anyway).
    """
    if not getattr(function, JOB_MARK, False):
        raise ValueError(f"{_path(function)} is not a @background_job")
    if key is not None:
        job = BackgroundJob.objects.filter(key=key).first()
        if job is not None:
            if job.state == JobState.FAILED:
                retry_job(job)
            return job
    job = BackgroundJob.objects.create(
        title=str(title)[:255],
        job_path=_path(function),
        arguments=arguments,
        key=key,
        user=user if user is not None and user.is_authenticated else None,
        max_attempts=get_setting("TASK_MAX_ATTEMPTS"),
    )
    _start(job.pk, now=now_if_immediate and runs_in_request())
    return job


def _start(job_pk, delay=0, now=False):
    def send():
        runner = run_job
        if delay and run_job.get_backend().supports_defer:
            runner = run_job.using(
                run_after=timezone.now() + datetime.timedelta(seconds=delay)
            )
        runner.enqueue(job_pk)

    if now:
        send()
    else:
        transaction.on_commit(send)


def may_retry(job):
    """A failed job, or one left «running» by a worker that died (no
    progress for ``MENTORING_WAGTAIL_TASK_STALE_AFTER`` seconds)."""
    if job.state == JobState.FAILED:
        return True
    stale = timezone.now() - datetime.timedelta(seconds=get_setting("TASK_STALE_AFTER"))
    return job.state == JobState.RUNNING and (
        job.started_at is None or job.started_at < stale
    )


def retry_job(job, max_attempts=None):
    """Queue a failed job again, with a fresh allowance of attempts."""
    allowed = max_attempts or get_setting("TASK_MAX_ATTEMPTS")
    BackgroundJob.objects.filter(pk=job.pk).update(
        state=JobState.QUEUED, max_attempts=F("attempts") + allowed, finished_at=None
    )
    job.refresh_from_db()
    _start(job.pk)
    return job


def ran_here(job):
    """True if the job has already finished in this process (the immediate
    backend runs it inside ``enqueue``, after the commit)."""
    job.refresh_from_db()
    return job.state == JobState.DONE


def _claim(job_pk):
    """Take a queued job: ``None`` if it is done, running elsewhere or gone."""
    with transaction.atomic():
        updated = BackgroundJob.objects.filter(pk=job_pk, state=JobState.QUEUED).update(
            state=JobState.RUNNING,
            attempts=F("attempts") + 1,
            started_at=timezone.now(),
        )
    if not updated:
        return None
    return BackgroundJob.objects.get(pk=job_pk)


def _retry_delay(attempts):
    delays = get_setting("TASK_RETRY_DELAYS")
    if not delays:
        return 0
    return delays[min(attempts, len(delays)) - 1]


@task()
def run_job(job_pk):
    """The one task every job runs through (see the module's docstring)."""
    job = _claim(job_pk)
    if job is None:
        return "skipped"
    try:
        function = import_string(job.job_path)
        if not getattr(function, JOB_MARK, False):
            raise ValueError(f"{job.job_path} is not a background job")
        result = function(job, **job.arguments)
    except Exception as error:
        message = "".join(traceback.format_exception_only(error)).strip()
        retry = job.attempts < job.max_attempts
        BackgroundJob.objects.filter(pk=job.pk).update(
            state=JobState.QUEUED if retry else JobState.FAILED,
            error=f"{message}\n\n{traceback.format_exc()}",
            finished_at=None if retry else timezone.now(),
        )
        logger.warning("Background job %s failed (attempt %s)", job.pk, job.attempts)
        if retry:
            _start(job.pk, delay=_retry_delay(job.attempts))
        raise
    BackgroundJob.objects.filter(pk=job.pk).update(
        state=JobState.DONE,
        error="",
        progress=100,
        result=result if isinstance(result, dict) else {},
        finished_at=timezone.now(),
    )
    return "done"

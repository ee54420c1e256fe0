"""The record of a background job: what it is, its state, its attempts, its
error, and the steps already done (what makes a retried task idempotent);
and the heartbeat of each running worker (what tells a dead worker's task)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class BackgroundJob(models.Model):
    # The installation's own work queue, not a school's record: it is shown
    # to the installation's operators (no per-site role holds its rights).
    mentoring_site_path = None

    title = models.CharField(_("job"), max_length=255)
    job_path = models.CharField(_("job function"), max_length=255)
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    # One job per event: a second enqueue of the same key returns the first.
    key = models.CharField(_("key"), max_length=255, unique=True, null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=JobState.choices, default=JobState.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveIntegerField(_("attempts allowed"), default=3)
    error = models.TextField(_("error"), blank=True)
    # Steps already done (recipients mailed, …): a retry skips them.
    steps_done = models.JSONField(_("steps done"), default=list, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "-created_at"])]

    def __str__(self):
        return self.title

    def step_done(self, step):
        return step in self.steps_done

    def mark_step(self, step):
        """Record a finished step at once (its own UPDATE): a crash after it
        does not repeat it."""
        if step not in self.steps_done:
            self.steps_done = [*self.steps_done, step]
            type(self).objects.filter(pk=self.pk).update(steps_done=self.steps_done)


class WorkerHeartbeat(models.Model):
    """A running ``mentoring_worker`` process, as it last reported itself.

    Written by the worker's heartbeat thread every ``WORKER_HEARTBEAT``
    seconds; a task «running» under a worker not seen for
    ``WORKER_DEAD_AFTER`` seconds is started again (background/recovery.py).
    """

    # The installation's processes, not a school's record.
    mentoring_site_path = None

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}:{self.pid})"

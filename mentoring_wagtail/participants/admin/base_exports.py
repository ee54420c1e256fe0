"""A large base export made by the worker: its page (refreshing until the
file is ready) and the one download, for the user who asked."""

from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from mentoring_wagtail.access.lookups import clean_pk
from mentoring_wagtail.background.models import BackgroundJob, JobState

from ..audit import EXPORT_BASE, log_site_action
from .bases import _site, may_export

app_name = "mentoring_base_exports"


def _export_job(request, pk):
    """The user's own export job (a superuser may see any); else a 404."""
    job = BackgroundJob.objects.filter(
        pk=clean_pk(BackgroundJob, pk), job_path__endswith=".export_base_job"
    ).first()
    if job is None or not (job.user_id == request.user.pk or request.user.is_superuser):
        raise Http404
    if not may_export(request.user, job.arguments["base"]):
        raise Http404
    return job


def export_ready(request, pk):
    """Waits for a large export (refreshing), then offers the file once."""
    job = _export_job(request, pk)
    return TemplateResponse(
        request,
        "mentoring_wagtail/participants/export_ready.html",
        {"job": job, "pending": job.state in (JobState.QUEUED, JobState.RUNNING)},
    )


def export_download(request, pk):
    job = _export_job(request, pk)
    name = (job.result or {}).get("file")
    if job.state != JobState.DONE or not name or not default_storage.exists(name):
        return redirect("mentoring_base_exports:ready", job.pk)
    base, file_format = job.arguments["base"], job.arguments["file_format"]
    log_site_action(
        _site(request),
        EXPORT_BASE,
        request.user,
        base=base,
        count=job.result.get("count"),
        format=file_format,
    )
    with default_storage.open(name) as handle:
        data = handle.read()
    # Personal data stays in storage no longer than it takes to hand it over.
    default_storage.delete(name)
    BackgroundJob.objects.filter(pk=job.pk).update(
        result={**job.result, "downloaded": True}
    )
    response = HttpResponse(
        data,
        content_type="text/csv; charset=utf-8"
        if file_format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{base}.{file_format}"'
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("<int:pk>/", export_ready, name="ready"),
    path("<int:pk>/file/", export_download, name="download"),
]

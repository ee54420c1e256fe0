"""A large roadmap file, read by the worker while the curator waits.

Above ``ROADMAP_IMPORT_BACKGROUND_MIN_BYTES`` the upload request only stores
the file through Django's storage API (any storage: local, S3) under a name
nobody can guess and records a job; the curator is sent to the job's page,
which refreshes itself (no script, so the admin's strict CSP holds) and shows
«Документ читается… N %», then the same preview as a small file gets at once.
The job only reads: the draft page is still created by the confirmation, in
one transaction, from the signed preview. A file that cannot be read is the
job's result (the same Russian message as the form gives), not a failure to
retry. The page is the user's own: another user, of this school or another,
gets a 404, as for a job that does not exist.
"""

import secrets

from django.core.files.storage import default_storage
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from ...access.lookups import is_valid_pk
from ...background.jobs import background_job, enqueue_job
from ...background.models import BackgroundJob, JobState
from ...word.safety import DocxRefused
from ..json_format import read_roadmap_file
from .import_preview import preview_response, preview_token, roadmap_from_token

IMPORT_FOLDER = "mentoring-imports"


def _progress(job, percent):
    BackgroundJob.objects.filter(pk=job.pk).update(progress=percent)


@background_job
def read_roadmap_job(job, name, file_name, language, parent):
    """Read the stored file into a preview token, or the reason it cannot be.

    ``parent`` is only recorded: the page under which the draft will go, for
    the job's page to check that its user may still add there."""
    with translation.override(language):
        _progress(job, 10)
        if not default_storage.exists(name):
            return {
                "error": gettext(
                    "The uploaded file is no longer kept; upload it again."
                )
            }
        with default_storage.open(name) as handle:
            data = handle.read()
        _progress(job, 30)
        try:
            result = {"token": preview_token(read_roadmap_file(data, name=file_name))}
        except DocxRefused as exc:
            result = {"error": str(exc)}
        # The file was read (or refused): it is not kept any longer.
        default_storage.delete(name)
        return result


def start_import(upload, parent, user):
    """Store ``upload`` and record the job reading it; returns the job."""
    upload.seek(0)
    name = default_storage.save(
        f"{IMPORT_FOLDER}/{secrets.token_urlsafe(24)}.upload", upload
    )
    return enqueue_job(
        read_roadmap_job,
        gettext("Reading the roadmap «%(name)s»") % {"name": upload.name},
        user=user,
        name=name,
        file_name=upload.name,
        language=translation.get_language() or "ru",
        parent=parent.pk,
    )


def import_job_url(job):
    return reverse("mentoring_roadmap:import_job", args=[job.pk])


def _own_import_job(request, pk, parents):
    """The user's own import job under a page they may still add to, or None."""
    if not is_valid_pk(BackgroundJob, pk):
        return None
    job = BackgroundJob.objects.filter(
        pk=pk,
        job_path=f"{read_roadmap_job.__module__}.{read_roadmap_job.__qualname__}",
        user_id=request.user.pk,
    ).first()
    if job is None or job.arguments.get("parent") not in parents:
        return None
    return job


def import_job_view(request, pk, parents):
    """The progress of a large import, then its preview (or its refusal)."""
    parents = {page.pk: page for page in parents}
    job = _own_import_job(request, pk, parents)
    if job is None:
        return TemplateResponse(
            request,
            "mentoring_wagtail/roadmaps/import_job.html",
            {"missing": True, "header_title": gettext("Import a roadmap from .docx")},
            status=404,
        )
    parent = parents[job.arguments["parent"]]
    result = job.result or {}
    error = result.get("error", "")
    if job.state == JobState.DONE and result.get("token"):
        try:
            roadmap = roadmap_from_token(result["token"])
        except DocxRefused as exc:  # a preview more than a day old
            error = str(exc)
        else:
            return preview_response(
                request, roadmap, parent, result["token"], job.arguments["file_name"]
            )
    return TemplateResponse(
        request,
        "mentoring_wagtail/roadmaps/import_job.html",
        {
            "job": job,
            "parent": parent,
            "pending": job.state in (JobState.QUEUED, JobState.RUNNING),
            "error": error,
            "file_name": job.arguments["file_name"],
            "header_title": gettext("Import a roadmap from .docx"),
        },
    )

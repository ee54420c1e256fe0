"""A large base export, made by the worker and downloaded when ready.

Building a base of thousands of people (consents, forms, formula-safe cells)
takes longer than a request should. Above ``BACKGROUND_EXPORT_MIN_ROWS`` rows,
and only with a real worker (not the immediate backend), the export view
records a job; the file is written to the site's storage under a name nobody
can guess, handed only to the user who asked (``export_ready``), and deleted
from storage when downloaded. A retried job writes the file again under the
same name: one file per job.
"""

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from mentoring_wagtail.background.jobs import background_job, enqueue_job

from .exporting import export_csv, export_xlsx

EXPORT_FOLDER = "mentoring-exports"


@background_job
def export_base_job(job, base, file_format, sites, name):
    sites = None if sites is None else set(sites)
    build = export_xlsx if file_format == "xlsx" else export_csv
    data, count = build(base, sites)
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(data))
    return {"file": saved, "count": count}


def start_export(base, file_format, sites, user, title):
    name = f"{EXPORT_FOLDER}/{secrets.token_urlsafe(24)}.{file_format}"
    return enqueue_job(
        export_base_job,
        title,
        user=user,
        base=base,
        file_format=file_format,
        sites=None if sites is None else sorted(sites),
        name=name,
    )

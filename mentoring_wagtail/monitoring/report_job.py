"""The yearly report, made by the worker: building the .docx reads the whole
year (indicators, roadmaps, groups) and may take longer than a request should.

``file_report`` never makes a second record for a year, so a job retried
after a crash updates the same draft; one job per year runs at a time. The
filing (after the build) is one transaction, the year's row locked: a worker
killed mid-way leaves no half-filed record (no document without its record),
and two jobs of one year (a retry beside a late first run) file one after the
other, the second updating what the first made.
"""

from django.db import transaction

from ..background.jobs import background_job, enqueue_job
from ..background.models import BackgroundJob, JobState
from .models import MonitoringYear
from .report import build_report, file_report, report_title


@background_job
def make_year_report(job, year_pk):
    year = MonitoringYear.objects.select_related("site").get(pk=year_pk)
    # Built before the transaction: only the filing holds the lock.
    content = build_report(year.site, year.academic_year)
    with transaction.atomic():
        MonitoringYear.objects.select_for_update().get(pk=year_pk)
        record, done = file_report(
            year.site, year.academic_year, user=job.user, content=content
        )
    return {"record": record.pk, "done": done}


def pending_report_job(year):
    """The year's report job still queued or running, if any."""
    return (
        BackgroundJob.objects.filter(
            job_path=f"{make_year_report.__module__}.{make_year_report.__qualname__}",
            arguments__year_pk=year.pk,
            state__in=[JobState.QUEUED, JobState.RUNNING],
        )
        .order_by("-pk")
        .first()
    )


def last_report_job(year):
    return (
        BackgroundJob.objects.filter(
            job_path=f"{make_year_report.__module__}.{make_year_report.__qualname__}",
            arguments__year_pk=year.pk,
        )
        .order_by("-pk")
        .first()
    )


def start_year_report(year, user):
    """The running job of the year's report, or a new one."""
    return pending_report_job(year) or enqueue_job(
        make_year_report,
        f"{report_title(year.academic_year)} ({year.site.site_name or year.site})",
        user=user,
        now_if_immediate=True,
        year_pk=year.pk,
    )

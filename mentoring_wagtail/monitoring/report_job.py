"""The yearly report, made by the worker: building the .docx reads the whole
year (indicators, roadmaps, groups) and may take longer than a request should.

``file_report`` never makes a second record for a year, so a job retried
after a crash updates the same draft; one job per year runs at a time.
"""

from ..background.jobs import background_job, enqueue_job
from ..background.models import BackgroundJob, JobState
from .models import MonitoringYear
from .report import file_report, report_title


@background_job
def make_year_report(job, year_pk):
    year = MonitoringYear.objects.select_related("site").get(pk=year_pk)
    record, done = file_report(year.site, year.academic_year, user=job.user)
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

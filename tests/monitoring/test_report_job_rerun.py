"""The yearly report's job run again, as after a worker killed mid-way, files
one report: a filing cut short leaves nothing, a second run updates the
first's record."""

import pytest
from wagtail.documents import get_document_model

from mentoring_wagtail.background.jobs import run_job
from mentoring_wagtail.background.models import BackgroundJob, JobState
from mentoring_wagtail.models import ProgrammeDocument
from mentoring_wagtail.monitoring.report_job import make_year_report

from .support import seed_001_school

pytestmark = pytest.mark.django_db


def _job(year):
    return BackgroundJob.objects.create(
        title="Отчёт",
        job_path=f"{make_year_report.__module__}.{make_year_report.__qualname__}",
        arguments={"year_pk": year.pk},
    )


def _reports(site):
    return ProgrammeDocument.objects.filter(site=site, kind="analytical_report")


def test_a_filing_cut_short_leaves_nothing_and_the_rerun_files_once(monkeypatch):
    school = seed_001_school(with_answers=False)
    year, site = school["year"], school["site"]
    documents = get_document_model().objects.count()
    job = _job(year)

    def cut(*args, **kwargs):
        raise RuntimeError("обработчик остановлен посреди записи")

    with monkeypatch.context() as patch:
        patch.setattr(ProgrammeDocument, "save_revision", cut)
        with pytest.raises(RuntimeError):
            run_job.func(job.pk)
    # Neither the record nor its document were left half-filed.
    assert not _reports(site).exists()
    assert get_document_model().objects.count() == documents

    assert run_job.func(job.pk) == "done"
    record = _reports(site).get()
    assert get_document_model().objects.count() == documents + 1

    # Killed after filing, before «done»: the job is run once more.
    BackgroundJob.objects.filter(pk=job.pk).update(state=JobState.QUEUED)
    assert run_job.func(job.pk) == "done"
    assert _reports(site).get().pk == record.pk
    assert get_document_model().objects.count() == documents + 1

"""Jobs run by a real ``db_worker`` process: enqueued after the commit,
retried after a failure, shown on «Фоновые задачи», never run twice."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from wagtail.models import ModelLogEntry

from mentoring_wagtail.background.jobs import enqueue_job
from mentoring_wagtail.background.models import BackgroundJob, JobState
from mentoring_wagtail.models import ProgrammeDocument
from tests.approvals_support import make_user, setup_roles

from .jobs_for_tests import fail_on_first_attempt, fail_until_file_exists

pytestmark = pytest.mark.django_db(transaction=True)

TASKS_PAGE = "/admin/mentoring/background-tasks/"


def test_a_job_failing_once_is_retried_by_the_worker_and_shown_done(
    worker, database_tasks, admin_client
):
    job = enqueue_job(fail_on_first_attempt, "Проверка повтора")
    job = worker.wait_for(job)
    assert job.attempts == 2
    assert job.result == {"ran_on_attempt": 2}
    assert job.error == ""
    page = admin_client.get(TASKS_PAGE).content.decode()
    assert "Проверка повтора" in page
    # A stray second delivery of the task does nothing: the job is done.
    from mentoring_wagtail.background import jobs

    assert jobs.run_job.func(job.pk) == "skipped"


def test_a_failed_job_waits_on_the_tasks_page_until_retried(
    worker, database_tasks, admin_client, settings, tmp_path
):
    settings.MENTORING_WAGTAIL_TASK_MAX_ATTEMPTS = 2
    flag = tmp_path / "ready"
    job = enqueue_job(fail_until_file_exists, "Проверка отказа", path=str(flag))
    job = worker.wait_for(job, states=("failed",))
    assert job.attempts == 2
    assert "Файл для проверки ещё не создан" in job.error
    page = admin_client.get(TASKS_PAGE + "?state=failed").content.decode()
    assert "Проверка отказа" in page
    assert "Файл для проверки ещё не создан" in page
    assert f'data-retry="{job.pk}"' in page

    flag.touch()
    response = admin_client.post(f"{TASKS_PAGE}{job.pk}/retry/")
    assert response.status_code == 302
    job = worker.wait_for(job)
    assert job.attempts == 3 and job.result == {"ran_on_attempt": 3}
    assert ModelLogEntry.objects.filter(
        object_id=str(job.pk), action="mentoring_wagtail.background_job_retried"
    ).exists()
    assert f'data-retry="{job.pk}"' not in admin_client.get(TASKS_PAGE).content.decode()


def test_the_yearly_report_is_made_by_the_worker_not_the_request(
    worker, client, request
):
    from ..monitoring.support import seed_001_school

    roles = setup_roles()
    school = seed_001_school(with_answers=False)
    before = set(ProgrammeDocument.objects.values_list("pk", flat=True))
    client.force_login(roles["curator"])
    # Only now does this process enqueue into the database.
    request.getfixturevalue("database_tasks")

    year = school["year"]
    response = client.post(f"/admin/mentoring-monitoring/year/{year.pk}/report/")
    # No .docx in the response: the request only queued the work.
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'id="year-report-job"' in page and 'http-equiv="refresh"' in page

    from mentoring_wagtail.monitoring.report_job import last_report_job

    job = worker.wait_for(last_report_job(year), timeout=120)
    assert set(ProgrammeDocument.objects.values_list("pk", flat=True)) - before == {
        job.result["record"]
    }
    page = client.get(response["Location"]).content.decode()
    assert 'id="year-report-job"' not in page and 'id="year-report-state"' in page


def test_workflow_mail_is_sent_by_the_worker(worker, database_tasks, mentoring_section):
    from ..documents_support import make_order

    users = setup_roles()
    order = make_order(number="", live=False, title="О парах")
    order.save_revision(user=users["secretary"])
    mail.outbox.clear()
    order.get_workflow().start(order, users["secretary"])
    # The approver's request sent nothing itself.
    assert mail.outbox == []
    job = BackgroundJob.objects.get(job_path__endswith="send_workflow_notification")
    assert job.state in (JobState.QUEUED, JobState.RUNNING, JobState.DONE)
    job = worker.wait_for(job)
    assert job.result["sent"] >= 1
    assert f"user:{users['curator'].pk}" in job.steps_done
    # The console mailer of the worker printed it (headers in plain ASCII).
    assert f"To: {users['curator'].email}" in worker.output()


def test_a_large_base_export_is_made_by_the_worker_and_handed_over_once(
    worker, database_tasks, client, settings, django_user_model
):
    from io import BytesIO

    from django.core.files.storage import default_storage
    from openpyxl import load_workbook

    from ..monitoring.support import make_mentor, site_and_section

    settings.MEDIA_ROOT = worker.media_root
    settings.MENTORING_WAGTAIL_PARTICIPANTS_BACKGROUND_EXPORT_MIN_ROWS = 2
    site, _section = site_and_section()
    for i in range(3):
        make_mentor(site, "teacher", i, 1980)
    admin = django_user_model.objects.create_superuser("boss", "b@example.org", "pw")
    client.force_login(admin)
    response = client.get("/admin/mentoring/participants/bases/mentors/export/xlsx/")
    assert response.status_code == 302
    ready = response["Location"]
    job = worker.wait_for(
        BackgroundJob.objects.get(job_path__endswith=".export_base_job")
    )
    assert job.result["count"] == 3
    page = client.get(ready).content.decode()
    assert 'data-state="done"' in page
    download = client.get(ready + "file/")
    assert "no-store" in download["Cache-Control"]
    rows = list(load_workbook(BytesIO(download.content)).active.iter_rows())
    assert len(rows) == 4
    # Handed over once: the file is gone from storage, the page says so.
    assert not default_storage.exists(job.result["file"])
    assert client.get(ready + "file/").status_code == 302
    assert 'href="' + ready + 'file/"' not in client.get(ready).content.decode()
    other = make_user("other")
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(other)
    assert client.get(ready).status_code == 404

"""«Фоновые задачи» is for the holders of the jobs' permissions only."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import ModelLogEntry

from mentoring_wagtail.background.models import BackgroundJob, JobState
from tests.approvals_support import denied, make_user, setup_roles

pytestmark = pytest.mark.django_db

PAGE = "/admin/mentoring/background-tasks/"


@pytest.fixture
def failed_job():
    return BackgroundJob.objects.create(
        title="Письмо «на согласование»: Приказ № 7",
        job_path="mentoring_wagtail.approvals.notifications.send_workflow_notification",
        state=JobState.FAILED,
        attempts=3,
        max_attempts=3,
        error="MailNotSent: Почтовый сервер не принял письмо\n\nTraceback …",
    )


def _retry_url(job):
    return f"{PAGE}{job.pk}/retry/"


def test_anonymous_visitors_are_sent_to_the_login(client, failed_job):
    for response in (client.get(PAGE), client.post(_retry_url(failed_job))):
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    failed_job.refresh_from_db()
    assert failed_job.state == JobState.FAILED


def test_school_roles_see_neither_the_page_nor_the_menu(client, failed_job):
    users = setup_roles()
    for user in users.values():
        client.force_login(user)
        assert denied(client.get(PAGE)), user
        assert denied(client.post(_retry_url(failed_job))), user
        assert PAGE not in client.get("/admin/").content.decode()
    failed_job.refresh_from_db()
    assert failed_job.state == JobState.FAILED and failed_job.attempts == 3


def test_a_viewer_reads_the_error_but_may_not_retry(client, failed_job):
    viewer = make_user("operator")
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_backgroundjob"])
    )
    client.force_login(viewer)
    page = client.get(PAGE).content.decode()
    assert "Приказ № 7" in page and "Почтовый сервер не принял письмо" in page
    assert 'data-retry="' not in page
    assert denied(client.post(_retry_url(failed_job)))
    assert PAGE in client.get("/admin/").content.decode()


def test_the_operator_retries_a_failed_job_and_the_log_says_who(
    client, failed_job, django_capture_on_commit_callbacks
):
    operator = make_user("operator")
    operator.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_backgroundjob", "change_backgroundjob"]
        )
    )
    client.force_login(operator)
    assert f'data-retry="{failed_job.pk}"' in client.get(PAGE).content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(_retry_url(failed_job))
    assert response.status_code == 302 and len(callbacks) == 1
    failed_job.refresh_from_db()
    assert failed_job.state == JobState.QUEUED
    assert failed_job.max_attempts == failed_job.attempts + 3
    entry = ModelLogEntry.objects.get(
        object_id=str(failed_job.pk),
        action="mentoring_wagtail.background_job_retried",
    )
    assert entry.user == operator
    # A done job has nothing to retry.
    failed_job.state = JobState.DONE
    failed_job.save()
    client.post(_retry_url(failed_job))
    failed_job.refresh_from_db()
    assert failed_job.state == JobState.DONE

"""A roadmap file over ``ROADMAP_IMPORT_BACKGROUND_MIN_BYTES`` is read by the worker.

The upload stores the file through Django's storage API and records a job;
the curator lands on the job's page (progress while it is read, then the same
preview a small file gets at once) and confirms as before. A file that cannot
be read gives the same message as the form, as the job's result. The job's
page is its starter's only: another curator, of this school or another, and a
malformed id get a 404 that says so in Russian.
"""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext

from mentoring_wagtail.background.models import BackgroundJob, JobState
from mentoring_wagtail.models import RoadmapActivity, RoadmapPage
from mentoring_wagtail.roadmaps.admin.import_job import IMPORT_FOLDER, read_roadmap_job
from tests.roadmaps.import_steps import IMPORT_URL, confirm
from tests.roadmaps.word_layouts import LAYOUTS

pytestmark = pytest.mark.django_db

JOB_PATH = f"{read_roadmap_job.__module__}.{read_roadmap_job.__qualname__}"
MISSING = (
    "There is no such roadmap import of yours: it was started by someone else, "
    "or it does not exist."
)


@pytest.fixture
def small_threshold(settings):
    settings.MENTORING_WAGTAIL_ROADMAP_IMPORT_BACKGROUND_MIN_BYTES = 100


def upload(data, name="roadmap.docx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def post_file(client, parent, data, name="roadmap.docx", capture=None):
    with capture(execute=True):
        return client.post(
            IMPORT_URL, {"parent": parent.pk, "file": upload(data, name)}
        )


def stored_imports():
    try:
        return default_storage.listdir(IMPORT_FOLDER)[1]
    except FileNotFoundError:
        return []


def test_a_large_file_is_read_by_a_job_then_previewed_and_confirmed(
    admin_client, mentoring_section, small_threshold, django_capture_on_commit_callbacks
):
    data = LAYOUTS["plan-fact-report"]().data
    response = post_file(
        admin_client,
        mentoring_section,
        data,
        capture=django_capture_on_commit_callbacks,
    )
    job = BackgroundJob.objects.get(job_path=JOB_PATH)
    assert response.status_code == 302
    assert response["Location"] == f"{IMPORT_URL}{job.pk}/"
    assert job.user == admin_client.user and job.state == JobState.DONE
    # The file went through the storage and is not kept once read.
    assert not stored_imports()
    page = admin_client.get(response["Location"])
    assert page.status_code == 200
    for shown in ("Анкетирование педагогов", "Педагог-психолог",
                  gettext("Check what was read")):  # fmt: skip
        assert shown in page.text
    assert not RoadmapPage.objects.exists()
    done = confirm(admin_client, page)
    created = RoadmapPage.objects.get()
    assert f"/admin/pages/{created.pk}/edit/" in done.text
    assert RoadmapActivity.objects.filter(page=created).count() == 2


def test_while_the_worker_reads_the_page_shows_progress_without_script(
    admin_client, mentoring_section, small_threshold, django_capture_on_commit_callbacks
):
    data = LAYOUTS["plan-fact-report"]().data
    # The task is not delivered (a worker busy elsewhere): the job stays queued.
    with django_capture_on_commit_callbacks(execute=False):
        response = admin_client.post(
            IMPORT_URL, {"parent": mentoring_section.pk, "file": upload(data)}
        )
    job = BackgroundJob.objects.get(job_path=JOB_PATH)
    BackgroundJob.objects.filter(pk=job.pk).update(progress=30)
    page = admin_client.get(response["Location"])
    assert page.status_code == 200
    reading = gettext("The document «%(name)s» is being read…")
    assert f"{reading % {'name': 'roadmap.docx'}} 30 %" in page.text
    assert '<meta http-equiv="refresh"' in page.text
    assert '<progress max="100" value="30">' in page.text
    assert len(stored_imports()) == 1
    default_storage.delete(f"{IMPORT_FOLDER}/{stored_imports()[0]}")


def test_a_broken_large_file_gives_the_forms_message_as_the_jobs_result(
    admin_client, mentoring_section, small_threshold, django_capture_on_commit_callbacks
):
    garbage = b"PK\x03\x04" + b"\x00" * 400  # a zip header and nothing behind it
    small = admin_client.post(
        IMPORT_URL,
        {"parent": mentoring_section.pk, "file": upload(garbage[:50])},
    )
    assert small.status_code == 200  # under the threshold: the form refuses it
    message = small.context["form"].errors["file"][0]
    response = post_file(
        admin_client,
        mentoring_section,
        garbage,
        capture=django_capture_on_commit_callbacks,
    )
    job = BackgroundJob.objects.get(job_path=JOB_PATH)
    assert job.state == JobState.DONE and job.result == {"error": message}
    page = admin_client.get(response["Location"])
    assert page.status_code == 200
    assert message in page.text
    assert gettext("Upload another file") in page.text
    assert not RoadmapPage.objects.exists() and not stored_imports()


def test_under_the_threshold_nothing_is_queued(admin_client, mentoring_section):
    data = LAYOUTS["plan-fact-report"]().data
    response = admin_client.post(
        IMPORT_URL, {"parent": mentoring_section.pk, "file": upload(data)}
    )
    assert response.status_code == 200
    assert gettext("Check what was read") in response.text
    assert not BackgroundJob.objects.exists() and not stored_imports()


def test_another_curator_and_a_malformed_id_get_a_russian_404(
    admin_client,
    client,
    django_user_model,
    mentoring_section,
    small_threshold,
    django_capture_on_commit_callbacks,
):
    data = LAYOUTS["plan-fact-report"]().data
    response = post_file(
        admin_client,
        mentoring_section,
        data,
        capture=django_capture_on_commit_callbacks,
    )
    other = django_user_model.objects.create_superuser("other", "o@example.com", "pw")
    client.force_login(other)
    job_url = response["Location"]
    job = BackgroundJob.objects.get(job_path=JOB_PATH)
    for url in (job_url, f"{IMPORT_URL}99999999999999999999/"):
        refused = client.get(url)
        assert refused.status_code == 404
        assert gettext(MISSING) in refused.text
        assert "Анкетирование педагогов" not in refused.text
    for url in (f"{IMPORT_URL}abc/", f"{IMPORT_URL}-1/"):
        assert client.get(url).status_code == 404
    # Someone who may import nowhere is refused before any job is looked up.
    nobody = django_user_model.objects.create_user("nobody", password="pw")
    from django.contrib.auth.models import Permission

    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    assert client.get(job_url).status_code in (302, 403)
    assert BackgroundJob.objects.get(pk=job.pk).state == JobState.DONE

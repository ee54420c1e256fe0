"""A large roadmap import, a front-end cache purge and a record's file text,
done by a real ``db_worker``.

The request process only stores and records; the worker process (its own
settings, the same database and file storage) reads the file and purges the
cache. The curator's page shows the preview once the worker is done; each
URL reaches the cache once, even when the task is delivered a second time.
"""

from collections import Counter

import pytest
from django.test import override_settings

from mentoring_wagtail.background.jobs import run_job
from mentoring_wagtail.background.models import BackgroundJob, JobState
from mentoring_wagtail.models import RoadmapActivity, RoadmapPage
from mentoring_wagtail.public.purge_job import purge_urls_job
from mentoring_wagtail.roadmaps.admin.import_job import read_roadmap_job
from tests.public.recording_backend import FRONTEND_CACHE_SETTINGS
from tests.roadmaps.import_steps import IMPORT_URL, confirm
from tests.roadmaps.word_layouts import LAYOUTS

pytestmark = pytest.mark.django_db(transaction=True)


def path_of(function):
    return f"{function.__module__}.{function.__qualname__}"


@pytest.mark.slow(reason="a db_worker process reads the file (its start-up counts)")
def test_the_worker_reads_a_large_roadmap_and_the_curator_confirms(
    worker, database_tasks, admin_client, mentoring_section, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(worker.media_root)
    settings.MENTORING_WAGTAIL_ROADMAP_IMPORT_BACKGROUND_MIN_BYTES = 100
    data = LAYOUTS["plan-fact-report"]().data
    response = admin_client.post(
        IMPORT_URL,
        {
            "parent": mentoring_section.pk,
            "file": SimpleUploadedFile("roadmap.docx", data),
        },
    )
    assert response.status_code == 302
    job = BackgroundJob.objects.get(job_path=path_of(read_roadmap_job))
    job = worker.wait_for(job)
    assert job.progress == 100 and "token" in job.result
    page = admin_client.get(response["Location"])
    assert "Анкетирование педагогов" in page.text
    confirm(admin_client, page)
    created = RoadmapPage.objects.get()
    assert RoadmapActivity.objects.filter(page=created).count() == 2


@pytest.mark.slow(reason="a db_worker process purges (its start-up counts)")
def test_the_worker_purges_each_url_once_even_delivered_twice(
    worker, database_tasks, mentoring_section
):
    worker.media_root.mkdir(exist_ok=True)
    page = mentoring_section.add_child(
        instance=RoadmapPage(title="Дорожная карта", slug="roadmap", live=False)
    )
    with override_settings(WAGTAILFRONTENDCACHE=FRONTEND_CACHE_SETTINGS):
        page.save_revision().publish()
    job = worker.wait_for(BackgroundJob.objects.get(job_path=path_of(purge_urls_job)))
    assert job.state == JobState.DONE
    # The same task again, as a second server's worker would get it.
    run_job.enqueue(job.pk)
    worker.drain()
    purged = (worker.media_root / "purged.txt").read_text().split()
    assert "http://localhost/mentoring/roadmap/" in purged
    assert "http://localhost/mentoring/" in purged
    assert set(Counter(purged).values()) == {1}, purged


@pytest.mark.slow(reason="a db_worker process reads the file (its start-up counts)")
def test_the_worker_reads_a_records_word_file_for_search(
    worker, database_tasks, settings, client
):
    from mentoring_wagtail.documents.file_text import extract_file_text_job
    from mentoring_wagtail.models import Order
    from tests.documents_support import (
        docx_bytes,
        make_document,
        make_order,
        make_site_tree,
    )

    settings.MEDIA_ROOT = str(worker.media_root)
    site, _section, registry = make_site_tree()
    word = make_document("Проект", docx_bytes("Наставник и альбатрос."), "p.docx")
    order = make_order(site, title="О парах", draft_file=word, publish=True)
    job = BackgroundJob.objects.get(job_path=path_of(extract_file_text_job))
    assert worker.wait_for(job).state == JobState.DONE
    assert "альбатрос" in Order.objects.get(pk=order.pk).file_text
    found = client.get(registry.url, {"q": "альбатрос"})
    assert [record.title for record in found.context["documents"]] == ["О парах"]

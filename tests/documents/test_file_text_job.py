"""The text of a record's Word file is read by a background job, never in
the request: saving clears the old text at once, the job (after the commit)
makes the new file's words searchable, a withheld or broken file gives no
text, and a storage that fails is retried and shown on «Фоновые задачи»."""

import pytest
from django.core.files.storage import FileSystemStorage

from mentoring_wagtail.background.models import BackgroundJob, JobState
from mentoring_wagtail.documents import file_text
from mentoring_wagtail.models import Order

from ..documents_support import (
    docx_bytes,
    make_document,
    make_order,
    make_site_tree,
    publish_obj,
)
from .test_documents_registry import registry_get, titles

pytestmark = pytest.mark.django_db

TASKS_PAGE = "/admin/mentoring/background-tasks/"
TITLE = "О закреплении наставнических пар"


@pytest.fixture
def tree():
    return make_site_tree()


@pytest.fixture
def opened(monkeypatch):
    """The files opened through the storage, by name."""
    names = []
    original = FileSystemStorage._open

    def counting(storage, name, mode="rb"):
        names.append(name)
        return original(storage, name, mode)

    monkeypatch.setattr(FileSystemStorage, "_open", counting)
    return names


def word_file(text, name="prikaz.docx"):
    return make_document("Проект приказа", docx_bytes(text), name)


def found(client, registry, word):
    return titles(registry_get(client, registry, q=word))


def text_jobs():
    return BackgroundJob.objects.filter(key__startswith="file-text:")


def test_the_save_reads_no_file_and_the_job_makes_its_words_searchable(
    client, tree, opened, django_capture_on_commit_callbacks
):
    site, _section, registry = tree
    word = word_file("Наставник сопровождает альбатроса.")
    with django_capture_on_commit_callbacks() as callbacks:
        order = make_order(site, title=TITLE, draft_file=word, publish=True)
    assert opened == []
    assert Order.objects.get(pk=order.pk).file_text == ""
    assert found(client, registry, "альбатроса") == []
    assert text_jobs().get().state == JobState.QUEUED

    for callback in callbacks:
        callback()
    assert opened == [word.file.name]
    assert text_jobs().get().state == JobState.DONE
    assert found(client, registry, "альбатроса") == [TITLE]


def test_a_new_file_replaces_the_old_words_in_search(
    client, tree, django_capture_on_commit_callbacks
):
    site, _section, registry = tree
    with django_capture_on_commit_callbacks(execute=True):
        order = make_order(
            site, title=TITLE, draft_file=word_file("Про альбатроса."), publish=True
        )
    assert found(client, registry, "альбатроса") == [TITLE]

    with django_capture_on_commit_callbacks() as callbacks:
        order.draft_file = word_file("Про бегемота.", "prikaz-2.docx")
        order.save()
        publish_obj(order)
    # Until the job has run, neither file's words find the order.
    assert found(client, registry, "альбатроса") == []
    assert found(client, registry, "бегемота") == []
    for callback in callbacks:
        callback()
    assert found(client, registry, "альбатроса") == []
    assert found(client, registry, "бегемота") == [TITLE]
    assert text_jobs().filter(state=JobState.DONE).count() == 2


def test_saving_again_while_the_job_waits_gives_one_job(
    tree, django_capture_on_commit_callbacks
):
    site = tree[0]
    with django_capture_on_commit_callbacks(execute=True):
        order = make_order(site, draft_file=word_file("Про альбатроса."))
        order.summary = "Исправлено"
        order.save()
        order.save_revision()
    assert text_jobs().count() == 1
    assert "альбатроса" in Order.objects.get(pk=order.pk).file_text


def test_a_job_for_a_replaced_file_writes_nothing(
    tree, django_capture_on_commit_callbacks
):
    site = tree[0]
    with django_capture_on_commit_callbacks() as callbacks:
        order = make_order(site, draft_file=word_file("Про альбатроса."))
    # A newer file arrives before the worker reads the first one.
    Order.objects.filter(pk=order.pk).update(
        draft_file=word_file("Про бегемота.", "prikaz-2.docx")
    )
    for callback in callbacks:
        callback()
    assert Order.objects.get(pk=order.pk).file_text == ""
    assert text_jobs().get().result == {"skipped": True}


def test_a_withheld_file_gives_no_text(
    client, tree, monkeypatch, django_capture_on_commit_callbacks
):
    site, _section, registry = tree
    monkeypatch.setattr(file_text, "withheld_document_ids", lambda ids: set(ids))
    with django_capture_on_commit_callbacks(execute=True):
        order = make_order(
            site, title=TITLE, draft_file=word_file("Малолеткина Мария"), publish=True
        )
    assert text_jobs().get().state == JobState.DONE
    assert Order.objects.get(pk=order.pk).file_text == ""
    assert found(client, registry, "Малолеткина") == []


def test_a_broken_docx_gives_an_empty_text_and_the_registry_answers(
    client, tree, django_capture_on_commit_callbacks
):
    site, _section, registry = tree
    broken = make_document("Проект", b"PK\x03\x04 not a zip at all", "broken.docx")
    with django_capture_on_commit_callbacks(execute=True):
        order = make_order(site, title=TITLE, draft_file=broken, publish=True)
    assert text_jobs().get().state == JobState.DONE
    assert Order.objects.get(pk=order.pk).file_text == ""
    assert found(client, registry, "закреплении") == [TITLE]


def test_a_failing_read_is_retried_and_shown_on_the_tasks_page(
    admin_client, tree, monkeypatch, settings, django_capture_on_commit_callbacks
):
    site, _section, registry = tree
    settings.MENTORING_WAGTAIL_TASK_RETRY_DELAYS = []
    word = word_file("Про альбатроса.")
    failures = []
    original = FileSystemStorage._open

    def failing_once(storage, name, mode="rb"):
        if not failures:
            failures.append(name)
            raise OSError("Хранилище не ответило (проверка)")
        return original(storage, name, mode)

    monkeypatch.setattr(FileSystemStorage, "_open", failing_once)
    with django_capture_on_commit_callbacks(execute=True):
        make_order(site, title=TITLE, draft_file=word, publish=True)
    job = text_jobs().get()
    assert failures == [word.file.name]
    assert job.state == JobState.DONE and job.attempts == 2
    assert found(admin_client, registry, "альбатроса") == [TITLE]
    page = admin_client.get(TASKS_PAGE).content.decode()
    assert TITLE in page


def test_a_read_failing_every_time_stays_failed_on_the_tasks_page(
    admin_client, tree, monkeypatch, settings, django_capture_on_commit_callbacks
):
    site = tree[0]
    settings.MENTORING_WAGTAIL_TASK_RETRY_DELAYS = []
    settings.MENTORING_WAGTAIL_TASK_MAX_ATTEMPTS = 2
    word = word_file("Про альбатроса.")

    def failing(storage, name, mode="rb"):
        raise OSError("Хранилище не ответило (проверка)")

    monkeypatch.setattr(FileSystemStorage, "_open", failing)
    with django_capture_on_commit_callbacks(execute=True):
        make_order(site, title=TITLE, draft_file=word)
    job = text_jobs().get()
    assert job.state == JobState.FAILED and job.attempts == 2
    page = admin_client.get(TASKS_PAGE).content.decode()
    assert TITLE in page and "Хранилище не ответило" in page
    assert f'data-retry="{job.pk}"' in page


def test_publishing_keeps_the_text_and_a_file_put_back_is_read_again(
    client, tree, django_capture_on_commit_callbacks
):
    site, _section, registry = tree
    first = word_file("Про альбатроса.")
    with django_capture_on_commit_callbacks(execute=True):
        order = make_order(site, title=TITLE, draft_file=first)
    # A revision made before the job ran has no text: publishing it keeps
    # the stored text and reads nothing again.
    with django_capture_on_commit_callbacks(execute=True):
        publish_obj(order)
    assert found(client, registry, "альбатроса") == [TITLE]
    assert text_jobs().count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        order.draft_file = word_file("Про бегемота.", "prikaz-2.docx")
        order.save()
        publish_obj(order)
    with django_capture_on_commit_callbacks(execute=True):
        order.draft_file = first
        order.save()
        publish_obj(order)
    assert found(client, registry, "альбатроса") == [TITLE]
    assert found(client, registry, "бегемота") == []

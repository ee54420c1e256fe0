"""Front-end cache purges run as background jobs after the commit, once per change.

A publish gathers every URL showing the change and records one job when its
transaction commits; nothing is purged inside the request's transaction. Each
URL reaches each backend once: a second delivery of the task (two app servers,
two workers) finds the job done, and a retry after one backend failed does
not purge the other one again. A failing purge is visible in «Фоновые задачи».
"""

import datetime
from collections import Counter

import pytest
from django.db import transaction
from django.test import override_settings

from mentoring_wagtail.background.jobs import run_job
from mentoring_wagtail.background.models import BackgroundJob, JobState
from mentoring_wagtail.documents.revocation import revoke
from mentoring_wagtail.models import Order, RoadmapPage
from mentoring_wagtail.public import cache_purge
from mentoring_wagtail.public.purge_job import purge_urls_job

from .recording_backend import (
    FRONTEND_CACHE_SETTINGS,
    TWO_CACHES,
    FlakyBackend,
    RecordingBackend,
)
from .test_cache_purge import BASE, cited_order, director, pages_showing

pytestmark = pytest.mark.django_db

PURGE_PATH = f"{purge_urls_job.__module__}.{purge_urls_job.__qualname__}"
TASKS_PAGE = "/admin/mentoring/background-tasks/"


@pytest.fixture
def caches(demo_site, settings):
    RecordingBackend.purged = []
    FlakyBackend.purged = []
    FlakyBackend.failures = 0
    settings.MENTORING_WAGTAIL_TASK_RETRY_DELAYS = []
    with override_settings(WAGTAILFRONTENDCACHE=TWO_CACHES):
        yield


def purge_jobs():
    return BackgroundJob.objects.filter(job_path=PURGE_PATH)


def publish(page):
    page.save_revision(user=director()).publish(
        user=director(), skip_permission_checks=True
    )


def test_a_publish_purges_each_url_once_in_a_job_after_the_commit(
    caches, django_capture_on_commit_callbacks
):
    roadmap = RoadmapPage.objects.live().get()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            publish(roadmap)
            # Inside the change's transaction nothing has reached the cache.
            assert RecordingBackend.purged == [] and not purge_jobs().exists()
    job = purge_jobs().get()
    assert job.state == JobState.DONE and job.attempts == 1
    section = roadmap.get_mentoring_section()
    expected = {BASE + roadmap.url, BASE + section.url}
    for purged in (RecordingBackend.purged, FlakyBackend.purged):
        assert expected <= set(purged)
        assert set(Counter(purged).values()) == {1}, purged


def test_two_signals_of_one_change_make_one_job_and_one_purge_per_url(
    caches, django_capture_on_commit_callbacks
):
    order = cited_order()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            publish(order)
            revoke(order, revoked_on=datetime.date(2026, 1, 1), user=director())
    assert purge_jobs().count() == 1
    assert pages_showing(order) <= set(RecordingBackend.purged)
    assert set(Counter(RecordingBackend.purged).values()) == {1}


def test_a_task_delivered_twice_purges_once(caches, django_capture_on_commit_callbacks):
    order = cited_order()
    with django_capture_on_commit_callbacks(execute=True):
        revoke(order, revoked_on=datetime.date(2026, 1, 1), user=director())
    job = purge_jobs().get()
    purged = list(RecordingBackend.purged)
    # The second server's worker gets the same task: the job is done already.
    assert run_job.call(job.pk) == "skipped"
    assert RecordingBackend.purged == purged


def test_a_failing_cache_is_retried_without_purging_the_other_twice(
    caches, django_capture_on_commit_callbacks
):
    FlakyBackend.failures = 1
    roadmap = RoadmapPage.objects.live().get()
    with django_capture_on_commit_callbacks(execute=True):
        publish(roadmap)
    job = purge_jobs().get()
    assert job.state == JobState.DONE and job.attempts == 2
    assert BASE + roadmap.url in FlakyBackend.purged
    # The healthy cache answered on the first attempt and was not purged again.
    assert set(Counter(RecordingBackend.purged).values()) == {1}
    assert set(Counter(FlakyBackend.purged).values()) == {1}


def test_a_cache_that_stays_down_leaves_a_failed_job_in_the_tasks_page(
    caches, admin_client, django_capture_on_commit_callbacks
):
    FlakyBackend.failures = 100
    order = cited_order()
    with django_capture_on_commit_callbacks(execute=True):
        revoke(order, revoked_on=datetime.date(2026, 1, 1), user=director())
    job = purge_jobs().get()
    assert job.state == JobState.FAILED and job.attempts == job.max_attempts
    # The revocation itself is committed: a cache down never undoes a change.
    order.refresh_from_db()
    assert order.revoked_on == datetime.date(2026, 1, 1)
    page = admin_client.get(TASKS_PAGE).content.decode()
    assert "Кэш не ответил (проверка)" in page
    assert f'data-retry="{job.pk}"' in page


def test_wagtails_own_page_purge_is_taken_over(
    demo_site, monkeypatch, django_capture_on_commit_callbacks
):
    """With ``wagtail.contrib.frontend_cache`` installed, its handlers would
    purge the published page a second time, in a task nobody retries."""
    from wagtail.contrib.frontend_cache.signal_handlers import (
        register_signal_handlers,
    )

    register_signal_handlers()
    real = cache_purge.apps.is_installed
    monkeypatch.setattr(
        cache_purge.apps,
        "is_installed",
        lambda name: name == cache_purge.WAGTAIL_APP or real(name),
    )
    cache_purge.disconnect_wagtail_handlers()
    RecordingBackend.purged = []
    roadmap = RoadmapPage.objects.live().get()
    with override_settings(WAGTAILFRONTENDCACHE=FRONTEND_CACHE_SETTINGS):
        with django_capture_on_commit_callbacks(execute=True):
            publish(roadmap)
    assert RecordingBackend.purged.count(BASE + roadmap.url) == 1
    assert purge_jobs().get().state == JobState.DONE


def test_without_a_frontend_cache_no_job_is_recorded(
    demo_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(Order.objects.get(live=False))
    assert not purge_jobs().exists()


def test_wagtails_app_after_the_package_is_a_warning(monkeypatch):
    from mentoring_wagtail import checks

    class Config:
        def __init__(self, name):
            self.name = name

    def order(*names):
        configs = [Config(name) for name in names]
        monkeypatch.setattr(checks.apps, "get_app_configs", lambda: configs)
        return [w.id for w in checks.frontend_cache_order_check(None)]

    assert order("mentoring_wagtail", cache_purge.WAGTAIL_APP) == [
        "mentoring_wagtail.W020"
    ]
    assert order(cache_purge.WAGTAIL_APP, "mentoring_wagtail") == []
    assert order("mentoring_wagtail") == []

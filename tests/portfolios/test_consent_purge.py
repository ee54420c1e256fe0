"""A withdrawn publication consent reaches the front-end cache: the portfolio
and «Наши наставники» listing it are purged, once each, by a background job
after the commit."""

from collections import Counter

import pytest
from django.test import override_settings

from mentoring_wagtail.background.models import BackgroundJob, JobState
from mentoring_wagtail.public.purge_job import purge_urls_job
from tests.public.recording_backend import FRONTEND_CACHE_SETTINGS, RecordingBackend

from .test_consent_rules import withdraw

pytestmark = pytest.mark.django_db


def test_withdrawing_consent_purges_the_portfolio_and_the_listing_once(
    make_mentor, make_portfolio, mentor_index, django_capture_on_commit_callbacks
):
    portfolio = make_portfolio(make_mentor("Смирнова", username="smirnova"))
    RecordingBackend.purged = []
    with override_settings(WAGTAILFRONTENDCACHE=FRONTEND_CACHE_SETTINGS):
        with django_capture_on_commit_callbacks(execute=True):
            withdraw(portfolio.mentor)
    portfolio.refresh_from_db()
    assert not portfolio.live
    job = BackgroundJob.objects.get(
        job_path=f"{purge_urls_job.__module__}.{purge_urls_job.__qualname__}"
    )
    assert job.state == JobState.DONE
    purged = RecordingBackend.purged
    assert portfolio.get_full_url() in purged
    assert mentor_index.get_full_url() in purged
    assert set(Counter(purged).values()) == {1}, purged

"""A front-end cache that only writes down what it was asked to purge."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        RecordingBackend.purged.append(url)


FRONTEND_CACHE_SETTINGS = {
    "recording": {"BACKEND": "tests.public.recording_backend.RecordingBackend"}
}


class FlakyBackend(BaseBackend):
    """A cache that refuses the first ``failures`` batches, then records."""

    failures = 0
    purged = []

    def purge(self, url):
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise ConnectionError("Кэш не ответил (проверка)")
        FlakyBackend.purged.append(url)

    def purge_batch(self, urls):
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise ConnectionError("Кэш не ответил (проверка)")
        FlakyBackend.purged.extend(urls)


TWO_CACHES = {
    **FRONTEND_CACHE_SETTINGS,
    "flaky": {"BACKEND": "tests.public.recording_backend.FlakyBackend"},
}

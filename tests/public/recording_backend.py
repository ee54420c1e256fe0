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


class FileRecordingBackend(BaseBackend):
    """Writes each purged URL as a line of ``LOCATION``: a worker process's
    purges, read by the test's."""

    def __init__(self, params):
        super().__init__(params)
        self.location = params["LOCATION"]

    def purge(self, url):
        with open(self.location, "a", encoding="utf-8") as log:
            log.write(url + "\n")

"""A front-end cache that only writes down what it was asked to purge."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        RecordingBackend.purged.append(url)


FRONTEND_CACHE_SETTINGS = {
    "recording": {"BACKEND": "tests.public.recording_backend.RecordingBackend"}
}

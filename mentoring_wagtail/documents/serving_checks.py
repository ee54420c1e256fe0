"""What the system checks can see of how document files reach visitors."""

from django.conf import settings
from django.urls import Resolver404, resolve

PROBE_NAME = "documents/mentoring-check-probe.pdf"


def _document_storage():
    from wagtail.documents import get_document_model

    return get_document_model()._meta.get_field("file").storage


def effective_serve_method():
    """The method Wagtail's serve view will use for a document of this storage.

    Unset, Wagtail redirects to the storage's URL when the storage has no
    local path (S3 and the like): the file is then public to anyone.
    """
    method = getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None)
    if method is not None:
        return method
    storage = _document_storage()
    try:
        storage.path(PROBE_NAME)
    except NotImplementedError:
        return "redirect"
    return "serve_view"


def document_file_url_served():
    """The URL at which the URLconf serves a document file directly, or None.

    Asks the resolver where the storage URL of a document would lead: to
    ``django.views.static.serve`` with a root holding the document files, as
    ``static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)`` does.
    """
    from pathlib import Path

    from django.views.static import serve

    storage = _document_storage()
    try:
        url = storage.url(PROBE_NAME)
        location = Path(storage.path(PROBE_NAME)).resolve()
    except (NotImplementedError, ValueError):
        return None
    if not url.startswith("/"):
        return None  # another host: the web server's configuration, not ours
    try:
        match = resolve(url)
    except Resolver404:
        return None
    if match.func is not serve:
        return None
    root = match.kwargs.get("document_root")
    if root is None:
        return None
    served = (Path(root) / match.kwargs.get("path", "")).resolve()
    return url if served == location else None

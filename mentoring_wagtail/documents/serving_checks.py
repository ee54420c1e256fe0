"""What the system checks can see of how document files reach visitors."""

from pathlib import Path

from django.conf import settings
from django.urls import URLResolver, get_resolver
from wagtail.documents import get_document_model

PROBE_NAME = "documents/mentoring-check-probe.pdf"


def _document_storage():
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


def _image_folders():
    """The folders of image originals and renditions, resolved, or ``[]``."""
    from pathlib import Path

    from wagtail.images import get_image_model

    storage = get_image_model()._meta.get_field("file").storage
    try:
        return [
            Path(storage.path(f"{folder}/probe.jpg")).resolve().parent
            for folder in ("original_images", "images")
        ]
    except (NotImplementedError, ValueError):
        return []


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        else:
            yield route, entry


def document_file_url_served():
    """A URL pattern that serves a folder holding the document files, or None.

    Any pattern given a ``document_root`` (``django.views.static.serve``, as
    ``static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)`` makes)
    whose root is the documents' folder or one of its ancestors counts, whatever
    its prefix: ``serve`` joins ``..`` in the path inside the root, so
    ``images/..%2fdocuments/…`` under a pattern limited to ``images/`` reaches
    the documents all the same.
    """
    storage = _document_storage()
    try:
        folder = Path(storage.path(PROBE_NAME)).resolve().parent
    except (NotImplementedError, ValueError):
        return None
    return _route_serving([folder])


def image_file_url_served():
    """A URL pattern that serves a folder of image files, or None.

    People's photos (mentors' portraits) are files of those folders, public
    only through their portfolio's checked view: a folder served directly
    hands them out whatever the consent says.
    """
    return _route_serving(_image_folders())


def _route_serving(folders):
    from pathlib import Path

    for route, pattern in _patterns(get_resolver()):
        root = pattern.default_args.get("document_root")
        if root is None:
            continue
        root = Path(root).resolve()
        if any(root == folder or root in folder.parents for folder in folders):
            return "/" + route.lstrip("^").replace("\\", "")
    return None

"""The example site serves no document file past Wagtail's checks, and the
system checks warn where a site does (W001: serve method, W003: URLconf)."""

import importlib
import re
import sys
import types

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import Resolver404, get_resolver, include, path, re_path, resolve
from django.views.static import serve

from mentoring_wagtail.checks import (
    document_serve_method_check,
    media_served_directly_check,
)
from mentoring_wagtail.documents import serving_checks

from ..documents_support import make_document, make_order

pytestmark = pytest.mark.django_db


def ids(messages):
    return [message.id for message in messages]


@pytest.fixture
def urlconf(settings):
    """Install a throwaway root URLconf built by the test."""
    module = types.ModuleType("tests_documents_throwaway_urls")
    sys.modules[module.__name__] = module

    def install(patterns):
        module.urlpatterns = patterns
        settings.ROOT_URLCONF = module.__name__
        return module

    yield install
    sys.modules.pop(module.__name__, None)


@pytest.fixture
def debug_example_urls(settings):
    """The example site's URLconf as ``scripts/demo`` runs it (DEBUG on)."""
    import example_site.urls

    settings.DEBUG = True
    module = importlib.reload(example_site.urls)
    settings.ROOT_URLCONF = "example_site.urls"
    yield module
    settings.DEBUG = False
    importlib.reload(example_site.urls)


def test_the_example_site_serves_no_folder_of_media_root(debug_example_urls, settings):
    from example_site.media_views import serve_rendition

    assert resolve("/media/images/photo.width-400.jpg").func is serve_rendition
    for path_ in ("/media/original_images/photo.jpg", "/media/documents/scan.pdf"):
        with pytest.raises(Resolver404):
            resolve(path_)
    served = [
        route
        for route, pattern in serving_checks._patterns(get_resolver())
        if "document_root" in pattern.default_args
    ]
    assert served == []
    assert media_served_directly_check(None) == []


def media_routes():
    """The literal prefix of every route of the URLconf under MEDIA_URL."""
    from django.conf import settings

    media = settings.MEDIA_URL.strip("/")
    for route, _pattern in serving_checks._patterns(get_resolver()):
        literal = re.split(r"[<(\[]", route.lstrip("^"), maxsplit=1)[0]
        literal = literal.replace("\\", "")
        if literal.startswith(media):
            yield "/" + literal


TRAVERSALS = (
    "../{}",
    "..%2f{}",
    "%2e%2e/{}",
    "%2e%2e%2f{}",
    "%252e%252e%252f{}",
    "..%252f{}",
    "..%5c{}",
    "%2e%2e%5c{}",
    "....//{}",
    "..;/{}",
)


def test_no_media_route_walks_out_to_a_document(client, debug_example_urls, settings):
    secret = b"%PDF-1.4 secret scan of the pairs order 4471"
    scan = make_document("Скан", data=secret, filename="pairs-order.pdf")
    target = scan.file.name.replace("/", "%2f")  # documents%2fpairs-order.pdf
    routes = list(media_routes())
    assert routes, "the demo serves its images under MEDIA_URL"
    tried = 0
    # A route's literal prefix, and the image folders a regex may admit after it.
    bases = {
        (route if route.endswith("/") else route + "/") + folder
        for route in routes
        for folder in ("", "images/", "original_images/", "images/x/")
    }
    for base in sorted(bases):
        for up in range(1, 4):
            for traversal in TRAVERSALS:
                for name in (scan.file.name, target):
                    step = traversal.split("{}")[0]
                    url = base + step * up + name
                    response = client.get(url)
                    tried += 1
                    body = b"".join(getattr(response, "streaming_content", [])) or (
                        response.content
                    )
                    assert secret not in body, url
                    assert response.status_code in (400, 404), url
    assert tried >= 60


def test_a_urlconf_serving_a_subfolder_of_media_root_is_a_warning(urlconf, settings):
    """A prefix limited to images still serves ``images/../documents/…``."""
    urlconf(
        [
            re_path(
                r"^media/(?P<path>(?:original_images|images)/.*)$",
                serve,
                {"document_root": settings.MEDIA_ROOT},
            ),
            path("", include("wagtail.urls")),
        ]
    )
    assert ids(media_served_directly_check(None)) == ["mentoring_wagtail.W003"]


def test_a_urlconf_serving_media_root_inside_an_include_is_a_warning(urlconf, settings):
    urlconf(
        [
            path(
                "files/",
                include(
                    [
                        path(
                            "m/<path:path>",
                            serve,
                            {"document_root": settings.MEDIA_ROOT},
                        )
                    ]
                ),
            ),
            path("", include("wagtail.urls")),
        ]
    )
    assert ids(media_served_directly_check(None)) == ["mentoring_wagtail.W003"]


def test_a_draft_scan_is_not_reachable_under_media_on_the_example_site(
    client, debug_example_urls
):
    scan = make_document("Скан", filename="draft-scan.pdf")
    make_order(number="1-ОД", signed_scan=scan)  # a draft
    assert client.get(scan.url).status_code == 302  # to the login page
    response = client.get(scan.file.url)  # /media/documents/draft-scan.pdf
    assert response.status_code == 404


def test_a_urlconf_serving_media_root_is_a_warning(urlconf, settings):
    urlconf(
        [
            re_path(
                r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
            ),
            path("", include("wagtail.urls")),
        ]
    )
    assert ids(media_served_directly_check(None)) == ["mentoring_wagtail.W003"]


def test_a_urlconf_serving_another_folder_is_fine(urlconf, settings, tmp_path):
    urlconf(
        [
            re_path(r"^media/(?P<path>.*)$", serve, {"document_root": tmp_path / "x"}),
            path("", include("wagtail.urls")),
        ]
    )
    assert media_served_directly_check(None) == []


class RemoteStorage(FileSystemStorage):
    """A storage with URLs and no local paths, like S3."""

    def path(self, name):
        raise NotImplementedError

    def url(self, name):
        return f"https://files.example/{name}"


@pytest.mark.parametrize(
    "method, remote, warns",
    [
        ("serve_view", False, False),
        ("serve_view", True, False),
        (None, False, False),  # Wagtail picks serve_view for local files
        (None, True, True),  # …and redirects to the storage for remote ones
        ("redirect", False, True),
        ("direct", True, True),
    ],
)
def test_the_serve_method_check_sees_what_wagtail_will_do(
    settings, monkeypatch, method, remote, warns
):
    from wagtail.documents import get_document_model

    if method is None:
        del settings.WAGTAILDOCS_SERVE_METHOD
    else:
        settings.WAGTAILDOCS_SERVE_METHOD = method
    if remote:
        field = get_document_model()._meta.get_field("file")
        monkeypatch.setattr(field, "storage", RemoteStorage())
    expected = ["mentoring_wagtail.W001"] if warns else []
    assert ids(document_serve_method_check(None)) == expected

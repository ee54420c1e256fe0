"""A mentor's photo reaches visitors only through the portfolio's checked route.

What an anonymous visitor was given (every ``<img>`` of the index and of the
portfolio) answers 404 on the very next request after the consent is withdrawn
or the data erased, with both public caches on; no ``/media/`` URL is ever
emitted for it, and the files are refused by the DEBUG media route too.
"""

import importlib
import io
import re
import sys
import types

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import include, path, re_path
from django.utils import timezone
from django.views.static import serve
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from mentoring_wagtail.participants.privacy import erase_person
from mentoring_wagtail.portfolios.setup_steps import get_photos_collection
from mentoring_wagtail.public.media_files import PEOPLE_PHOTO_PREFIX

pytestmark = pytest.mark.django_db


# The section and the roles are built once for this module (conftest.py).
@pytest.fixture
def roles(roles_once):
    return roles_once


@pytest.fixture
def mentoring_section(roles_once):
    return roles_once


IMG_SRC = re.compile(r'<img[^>]*\ssrc="([^"]+)"')


def jpeg(colour=(200, 40, 40)):
    out = io.BytesIO()
    PILImage.new("RGB", (400, 500), colour).save(out, "JPEG")
    return out.getvalue()


def make_image(collection, name="smirnova.jpg", colour=(200, 40, 40)):
    return get_image_model().objects.create(
        title="Фото",
        collection=collection,
        file=SimpleUploadedFile(name, jpeg(colour), content_type="image/jpeg"),
    )


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT = 300
    settings.MENTORING_WAGTAIL_PORTFOLIOS_CACHE_TIMEOUT = 300


@pytest.fixture
def published(make_mentor, make_portfolio, roles):
    mentor = make_mentor("Смирнова", username="smirnova")
    photo = make_image(get_photos_collection())
    return make_portfolio(mentor, photo=photo, photo_alt="Анна Смирнова")


def emitted_photo_urls(client, *pages):
    urls = []
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200
        urls += IMG_SRC.findall(response.content.decode())
    return urls


def test_pages_emit_only_the_checked_route_and_it_serves_the_photo(
    client, published, mentor_index
):
    urls = emitted_photo_urls(client, mentor_index, published)
    assert len(urls) == 2  # the card on the index, the portrait on the page
    for url in urls:
        assert not url.startswith(django_settings.MEDIA_URL), url
        assert url.startswith(published.url + "photo/"), url
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/jpeg"
        assert "no-cache" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert PILImage.open(io.BytesIO(body(response))).size in {
            (320, 400),
            (160, 200),
        }


def test_every_emitted_url_fails_on_the_next_request_after_withdrawal(
    client, published, mentor_index
):
    urls = emitted_photo_urls(client, mentor_index, published)
    for url in urls:  # seen once, so anything that caches has it now
        assert client.get(url).status_code == 200
    consent = published.mentor.person.consents.get()
    consent.withdrawn_on = timezone.localdate()
    consent.save()
    for url in urls:
        assert client.get(url).status_code in (403, 404), url
    assert client.get(published.url).status_code == 404
    assert not IMG_SRC.findall(client.get(mentor_index.url).content.decode())
    # No earlier rendition file is left for a /media/ URL to find.
    published.photo.refresh_from_db()
    assert not published.photo.renditions.exists()


def test_every_emitted_url_fails_on_the_next_request_after_erasure(
    client, published, mentor_index
):
    urls = emitted_photo_urls(client, mentor_index, published)
    for url in urls:
        assert client.get(url).status_code == 200
    photo_pk = published.photo_id
    erase_person(published.mentor.person)
    for url in urls:
        assert client.get(url).status_code in (403, 404), url
    # Erasure takes the photo itself.
    assert not get_image_model().objects.filter(pk=photo_pk).exists()


def test_an_other_size_or_an_other_image_is_refused(client, published):
    base = published.url + f"photo/{published.photo_id}/"
    assert client.get(base + "portrait/").status_code == 200
    assert client.get(base + "original/").status_code == 404
    assert client.get(base + "width-4000/").status_code == 404
    other = make_image(get_photos_collection(), "other.jpg")
    assert client.get(published.url + f"photo/{other.pk}/portrait/").status_code == 404


def test_a_new_photo_is_not_public_before_approval(client, published):
    """The mentor's draft with a new photo: the live page keeps the old one."""
    new_photo = make_image(get_photos_collection(), "new.jpg", colour=(0, 200, 0))
    draft = published.get_latest_revision_as_object()
    draft.photo = new_photo
    draft.save_revision()
    published.refresh_from_db()
    assert published.photo_id != new_photo.pk
    assert (
        client.get(published.url + f"photo/{new_photo.pk}/portrait/").status_code == 404
    )
    page_html = client.get(published.url).content.decode()
    assert f"/photo/{new_photo.pk}/" not in page_html


def test_people_photos_files_carry_the_refused_name(published):
    collection_root = Collection.get_first_root_node()
    # Uploaded into the photos collection: named so on upload.
    assert published.photo.file.name.split("/")[-1].startswith(PEOPLE_PHOTO_PREFIX)
    # Chosen from elsewhere: renamed when the portfolio's draft is saved.
    elsewhere = make_image(collection_root, "holiday.jpg")
    elsewhere.get_rendition("max-165x165")  # an admin thumbnail made before
    assert not elsewhere.file.name.split("/")[-1].startswith(PEOPLE_PHOTO_PREFIX)
    draft = published.get_latest_revision_as_object()
    draft.photo = elsewhere
    draft.save_revision()
    elsewhere.refresh_from_db()
    assert elsewhere.file.name.split("/")[-1].startswith(PEOPLE_PHOTO_PREFIX)
    assert not elsewhere.renditions.exists()
    with elsewhere.open_file() as stored:
        assert stored.read()[:2] == b"\xff\xd8"  # still the JPEG, through storage
    for spec in ("fill-320x400-c100", "fill-160x200-c100", "max-165x165"):
        name = elsewhere.get_rendition(spec).file.name
        assert name.split("/")[-1].startswith(PEOPLE_PHOTO_PREFIX), name


@pytest.fixture
def debug_example_urls(settings):
    import example_site.urls

    settings.DEBUG = True
    importlib.reload(example_site.urls)
    settings.ROOT_URLCONF = "example_site.urls"
    yield
    settings.DEBUG = False
    importlib.reload(example_site.urls)


def test_the_debug_media_route_serves_no_rendition_of_a_photo(
    client, published, debug_example_urls, roles
):
    other = make_image(Collection.get_first_root_node(), "school-building.jpg")
    other_url = other.get_rendition("width-100").url
    assert client.get(other_url).status_code == 200  # the route works
    for spec in ("fill-320x400-c100", "fill-160x200-c100", "max-165x165"):
        url = published.photo.get_rendition(spec).url
        assert url.startswith(django_settings.MEDIA_URL)
        assert client.get(url).status_code == 404, url
    assert client.get(published.photo.file.url).status_code == 404  # original


@pytest.fixture
def urlconf(settings):
    """Install a throwaway root URLconf built by the test."""
    module = types.ModuleType("tests_portfolios_photo_urls")
    sys.modules[module.__name__] = module

    def install(patterns):
        module.urlpatterns = patterns
        settings.ROOT_URLCONF = module.__name__

    yield install
    sys.modules.pop(module.__name__, None)


@pytest.mark.parametrize("folder", ["images", "original_images"])
def test_w003_warns_when_a_urlconf_serves_an_image_folder(urlconf, settings, folder):
    """The stock ``wagtail start`` way of serving images hands out photos."""
    from mentoring_wagtail.portfolios.checks import photo_folders_served_check

    urlconf(
        [
            re_path(
                rf"^media/{folder}/(?P<path>.*)$",
                serve,
                {"document_root": f"{settings.MEDIA_ROOT}/{folder}"},
            ),
            path("", include("wagtail.urls")),
        ]
    )
    warnings = photo_folders_served_check(None)
    assert [w.id for w in warnings] == ["mentoring_wagtail.W003"]
    assert "photos" in warnings[0].msg


def test_w003_is_quiet_with_the_package_rendition_view(urlconf, settings):
    from mentoring_wagtail.portfolios.checks import photo_folders_served_check
    from mentoring_wagtail.public.media_files import serve_image_rendition

    urlconf(
        [
            path("media/images/<path:path>", serve_image_rendition),
            path("", include("wagtail.urls")),
        ]
    )
    assert photo_folders_served_check(None) == []


def test_setup_renames_photos_stored_before_the_rule(published):
    """An installation upgraded: a portfolio's photo kept its plain name."""
    from mentoring_wagtail.portfolios.models import MentorPortfolioPage
    from mentoring_wagtail.setup.steps import run_setup

    old = make_image(Collection.get_first_root_node(), "old-portrait.jpg")
    MentorPortfolioPage.objects.filter(pk=published.pk).update(photo=old)
    old.refresh_from_db()
    assert not old.file.name.split("/")[-1].startswith(PEOPLE_PHOTO_PREFIX)
    messages = [str(result.message) for result in run_setup()]
    old.refresh_from_db()
    assert old.file.name.split("/")[-1].startswith(PEOPLE_PHOTO_PREFIX)
    assert any("1" in m and "/media/" in m for m in messages), messages
    again = [str(result.message) for result in run_setup()]
    assert any("0" in m and "/media/" in m for m in again), again

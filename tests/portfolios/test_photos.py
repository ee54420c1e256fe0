"""Mentors' photos: checked by content, and no GPS position leaves the server."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from mentoring_wagtail.portfolios.models.portfolio import PHOTO_RENDITION
from mentoring_wagtail.portfolios.setup_steps import get_photos_collection

pytestmark = pytest.mark.django_db


# The section and the roles are built once for this module (conftest.py).
@pytest.fixture
def roles(roles_once):
    return roles_once


@pytest.fixture
def mentoring_section(roles_once):
    return roles_once


GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps(rotated=False):
    """A phone-like JPEG: GPS position in its EXIF, maybe an orientation tag."""
    image = PILImage.new("RGB", (300, 200), (200, 40, 40))
    image.paste((40, 40, 200), (0, 0, 50, 200))  # a blue stripe on the left
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (55.0, 45.0, 21.0), 3: "E", 4: (37.0, 37.0, 4.0)}
    if rotated:
        exif[ORIENTATION] = 6  # rotate 90° clockwise when shown
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def gps_of(data):
    return dict(PILImage.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD))


def test_the_helper_really_makes_a_jpeg_with_gps():
    assert gps_of(jpeg_with_gps())[1] == "N"


def upload(client, data, name="photo.jpg"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Фото",
            "collection": get_photos_collection().pk,
            "file": SimpleUploadedFile(name, data, content_type="image/jpeg"),
        },
    )


@pytest.fixture
def mentor_user(make_mentor, roles):
    return make_mentor("Смирнова", username="anna").person.user


def test_uploaded_photo_and_its_renditions_carry_no_gps(client, mentor_user):
    client.force_login(mentor_user)
    response = upload(client, jpeg_with_gps(rotated=True))
    assert response.status_code == 302, response.content[:2000]
    image = get_image_model().objects.get(title="Фото")
    with image.open_file() as f:
        original = f.read()
    assert gps_of(original) == {}
    # The orientation was applied to the pixels before the tag went away.
    stored = PILImage.open(io.BytesIO(original))
    assert stored.size == (200, 300)
    assert (image.width, image.height) == (200, 300)
    rendition = image.get_rendition(PHOTO_RENDITION)
    with rendition.file.open() as f:
        assert gps_of(f.read()) == {}


def test_a_file_that_is_not_an_image_is_refused_by_content(client, mentor_user):
    client.force_login(mentor_user)
    response = upload(client, b"MZ\x90\x00 this is a Windows program", "face.jpg")
    assert response.status_code == 200  # the form again, with an error
    assert not get_image_model().objects.exists()
    assert response.context["form"].errors["file"]


def test_a_mentor_chooses_only_photos_they_uploaded(
    client, mentor_user, make_mentor, curator
):
    other = make_mentor("Борисова", username="boris").person.user
    client.force_login(other)
    upload(client, jpeg_with_gps())
    client.force_login(mentor_user)
    listing = client.get(reverse("wagtailimages_chooser:choose"))
    assert listing.status_code == 200
    assert "data-chooser-modal-choice" not in listing.json()["html"]
    image = get_image_model().objects.get()
    chosen = client.get(reverse("wagtailimages_chooser:chosen", args=[image.pk]))
    assert chosen.status_code in (302, 403)
    # The curator, who manages the collection, does see it.
    client.force_login(curator)
    listing = client.get(reverse("wagtailimages_chooser:choose"))
    assert "data-chooser-modal-choice" in listing.json()["html"]

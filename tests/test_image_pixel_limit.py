"""A decompression bomb is refused from its header, in Russian, without the memory.

A 11,000 × 11,000 PNG of one colour is a few kilobytes on the wire and 121
million pixels (484 MB as RGBA) once decoded. It is uploaded through Wagtail's
real image form; the answer is the form again with Wagtail's Russian message,
no image is saved, and the process's peak memory (``ru_maxrss``) grows by far
less than 300 MB.
"""

import io
import resource
import struct
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.images import get_image_model

from mentoring_wagtail.checks import MAX_PORTRAIT_PIXELS, image_pixel_limit_check

pytestmark = pytest.mark.django_db
SIDE = 11_000


def png_bomb(side=SIDE):
    """A greyscale PNG of ``side``² black pixels, built row by row (no big buffer)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * side  # filter byte, then the row's pixels
    idat = b"".join(compressor.compress(row) for _ in range(side))
    idat += compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


def max_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KB on Linux


def test_the_bomb_is_small_on_the_wire_and_huge_inside():
    from PIL import Image

    data = png_bomb()
    assert len(data) < 200_000
    assert Image.open(io.BytesIO(data)).size == (SIDE, SIDE)


def test_a_decompression_bomb_is_refused_in_russian_without_the_memory(client):
    user = get_user_model().objects.create_superuser("root-bomb", "r@x.ru", "x")
    client.force_login(user)
    data = png_bomb()
    before = max_rss_bytes()
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Портрет",
            "file": SimpleUploadedFile("portrait.png", data, content_type="image/png"),
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    grown = max_rss_bytes() - before
    assert response.status_code == 200
    assert "слишком много пикселей" in " ".join(response.context["form"].errors["file"])
    assert not get_image_model().objects.exists()
    assert grown < 300 * 1024 * 1024, f"peak memory grew by {grown / 2**20:.0f} MB"


def test_a_portrait_from_a_camera_fits_the_limit():
    assert 6000 * 4000 <= MAX_PORTRAIT_PIXELS  # 24 MP, a common camera
    assert SIDE * SIDE > MAX_PORTRAIT_PIXELS


@pytest.mark.parametrize(
    ("value", "warns"),
    [
        (None, True),
        (128_000_000, True),
        (MAX_PORTRAIT_PIXELS, False),
        (1_000_000, False),
    ],
)
def test_the_pixel_limit_is_checked(value, warns):
    with override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=value):
        ids = [m.id for m in image_pixel_limit_check(None)]
    assert ids == (["mentoring_wagtail.W005"] if warns else [])


def test_an_unset_pixel_limit_is_a_warning(settings):
    del settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    assert [m.id for m in image_pixel_limit_check(None)] == ["mentoring_wagtail.W005"]

"""A worker's memory stays under 300 MB for any image the site accepts.

The largest image Wagtail lets through (``WAGTAILIMAGES_MAX_IMAGE_PIXELS``,
checked by W005) is made in the worst shapes a portrait comes in: a camera
JPEG stored sideways with an EXIF orientation and GPS (so the upload rewrites
it, turned upright, and every rendition decodes it whole), and an RGBA PNG with
EXIF (4 bytes a pixel). A fresh worker process (``memory_worker.py``) strips
the upload and makes the portfolio's two photo renditions; the growth of its
peak resident memory (``resource.getrusage``) after each step must stay under
300 MB. Pillow decodes in C, outside ``tracemalloc``'s view: the process's
own peak is the measure.
"""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from mentoring_wagtail.checks import MAX_PORTRAIT_PIXELS

ROOT = Path(__file__).resolve().parents[2]
BUDGET_MB = 300


def portrait_at_the_limit():
    """(width, height) of a 2:3 portrait with as many pixels as the limit allows."""
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    assert limit <= MAX_PORTRAIT_PIXELS  # what W005 asks for
    width = math.isqrt(limit * 2 // 3)
    return width, limit // width


def camera_jpeg(path):
    width, height = portrait_at_the_limit()
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: turned upright on upload
    exif.get_ifd(0x8825)[2] = (55.0, 45.0, 0.0)  # a GPS latitude
    Image.new("RGB", (height, width), (150, 110, 90)).save(
        path, "JPEG", quality=90, exif=exif.tobytes()
    )


def rgba_png(path):
    width, height = portrait_at_the_limit()
    exif = Image.Exif()
    exif[0x0112] = 1
    Image.new("RGBA", (width, height), (150, 110, 90, 255)).save(
        path, "PNG", exif=exif.tobytes()
    )


def growth_in_a_worker(path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.portfolios.memory_worker", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow(reason="decodes an image of the largest size the site accepts")
@pytest.mark.parametrize("make", [camera_jpeg, rgba_png], ids=["jpeg", "png"])
def test_the_largest_accepted_portrait_fits_in_the_memory_budget(tmp_path, make):
    path = tmp_path / "portrait"
    make(path)
    grown = growth_in_a_worker(path)
    grown.pop("peak")  # the whole worker, Django included, for the report
    assert set(grown) == {"upload", "fill-320x400-c100", "fill-160x200-c100"}
    over = {step: round(mb) for step, mb in grown.items() if mb >= BUDGET_MB}
    assert over == {}, f"peak memory grew by {grown} MB"

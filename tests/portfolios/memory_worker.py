"""A fresh worker process: strip one upload and make the portfolio's renditions.

Run by ``test_photo_memory.py`` as ``python -m tests.portfolios.memory_worker
<file>``; prints the growth of its peak memory (``ru_maxrss``, MB) after each
step as JSON. No database: the upload's own work (the EXIF rewrite every saved
image goes through) and Wagtail's rendition filter on the stored file are what
decode the pixels.
"""

import io
import json
import resource
import sys


def peak_mb():
    """This process's peak resident memory, MB.

    ``ru_maxrss`` carries over the parent's peak through fork and exec (the
    test process has just drawn the image), so on Linux the new program's own
    high-water mark (``VmHWM``) is read; ``resource`` elsewhere."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def main(path):
    import django

    django.setup()
    from django.core.files.images import ImageFile
    from PIL import Image
    from wagtail.images import get_image_model
    from wagtail.images.models import Filter

    from mentoring_wagtail.portfolios.models.portfolio import (
        CARD_RENDITION,
        PHOTO_RENDITION,
    )
    from mentoring_wagtail.portfolios.photos import strip_metadata

    with open(path, "rb") as handle:
        data = handle.read()
    start = peak_mb()
    grown = {}
    stored = strip_metadata(data) or data
    grown["upload"] = peak_mb() - start
    with Image.open(io.BytesIO(stored)) as probe:
        width, height = probe.size
    # collection_id given: the default would ask the database for the root.
    image = get_image_model()(title="x", width=width, height=height, collection_id=1)
    for spec in (PHOTO_RENDITION, CARD_RENDITION):
        Filter(spec=spec).run(
            image, io.BytesIO(), source=ImageFile(io.BytesIO(stored), name="p.jpg")
        )
        grown[spec] = peak_mb() - start
    grown["peak"] = peak_mb()
    print(json.dumps(grown))


if __name__ == "__main__":
    main(sys.argv[1])

"""Uploaded images lose their EXIF metadata (GPS position included).

Wagtail keeps the original file and Willow copies its EXIF block into every
rendition, so a phone photo would publish where it was taken. The original is
rewritten on upload instead, for every image of the site (whichever form,
chooser or script saved it): orientation applied to the pixels, then saved
without EXIF. Only formats Pillow writes back losslessly enough for a photo
(JPEG at high quality, PNG, WebP) are rewritten; others are left as uploaded
(Wagtail has already checked that the file is an image it can read).

An upload into the mentors' photos collection is also named as a person's
photo (``photo_files.py``), so that no ``/media/`` path ever serves it.
"""

import io
import os

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models.signals import pre_save

from ..checks import MAX_PORTRAIT_PIXELS
from .photo_files import photo_file_name
from .setup_steps import get_photos_collection

REWRITTEN_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}


def _pixel_limit():
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None) or (
        MAX_PORTRAIT_PIXELS
    )


def strip_metadata(data):
    """Return ``data`` without EXIF, or None when there is nothing to strip."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        if image.format not in REWRITTEN_FORMATS or not image.info.get("exif"):
            return None
        if image.width * image.height > _pixel_limit():
            return None  # a file saved past Wagtail's form: never decode a bomb
        image.load()
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    output_format = REWRITTEN_FORMATS[image.format]
    icc_profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    image.info.pop("exif", None)
    kwargs = {"icc_profile": icc_profile} if icc_profile else {}
    if output_format == "JPEG":
        kwargs.update(quality=95, subsampling="keep" if image.mode != "RGBA" else 0)
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
            kwargs.pop("subsampling", None)
    out = io.BytesIO()
    try:
        image.save(out, output_format, **kwargs)
    except (OSError, ValueError):
        kwargs.pop("subsampling", None)
        out = io.BytesIO()
        image.save(out, output_format, **kwargs)
    return out.getvalue()


def _is_mentor_photo_upload(instance):
    collection = get_photos_collection()
    if collection is None or instance.collection_id is None:
        return False
    # The shared collection, or a school's inside it.
    return instance.collection.path.startswith(collection.path)


def _strip_on_upload(sender, instance, raw=False, **kwargs):
    if raw or not instance.file or getattr(instance.file, "_committed", True):
        return  # no new file in this save
    name = os.path.basename(instance.file.name)
    if _is_mentor_photo_upload(instance):
        # Named as a person's photo before it is stored: never under /media/.
        name = photo_file_name(name)
        instance.file.name = name
    upload = instance.file.file
    upload.seek(0)
    stripped = strip_metadata(upload.read())
    upload.seek(0)
    if stripped is None:
        return
    instance.file = ContentFile(stripped, name=name)
    instance._set_image_file_metadata()


def connect_signals():
    from wagtail.images import get_image_model

    pre_save.connect(
        _strip_on_upload,
        sender=get_image_model(),
        dispatch_uid="mentoring-portfolios-strip-exif",
    )

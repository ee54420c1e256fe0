"""Where a mentor's photo is stored, and what is left of it when it may not be public.

A mentor's photo is served only through its portfolio (``photo_view.py``).
Its files must not be reachable past that view, so they carry a name the
site refuses under ``MEDIA_URL`` (``public.media_files.PEOPLE_PHOTO_PREFIX``;
Wagtail names every rendition after its original, so the renditions carry it
too):

- an image uploaded into the collection «Фотографии наставников» is named so
  on upload (``photos.py``);
- an image chosen as a portfolio's photo from elsewhere is renamed when the
  portfolio or one of its drafts is saved (``seclude``), and its renditions
  made before are deleted;
- when the portfolio may no longer be public (consent withdrawn, data erased,
  the mentor left), every rendition of its photo is deleted; on erasure the
  photo itself. Files are read and written through the storage API only.
"""

import posixpath
import secrets

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.images import get_image_model
from wagtail.models import Revision

from mentoring_wagtail.public.media_files import (
    PEOPLE_PHOTO_PREFIX,
    is_people_photo_file,
)

from .models import MentorPortfolioPage


def photo_file_name(name):
    """``name`` (a file name) renamed as a person's photo: unguessable, marked."""
    extension = posixpath.splitext(name or "")[1].lower() or ".jpg"
    return f"{PEOPLE_PHOTO_PREFIX}{secrets.token_hex(12)}{extension}"


def seclude(image):
    """Store ``image``'s original under a person's photo's name (once);
    whether it was renamed now."""
    if image is None or is_people_photo_file(image.file.name):
        return False
    storage = image.file.storage
    old_name = image.file.name
    folder = posixpath.dirname(old_name) or "original_images"
    with storage.open(old_name, "rb") as source:
        new_name = storage.save(
            posixpath.join(folder, photo_file_name(old_name)), source
        )
    type(image).objects.filter(pk=image.pk).update(file=new_name)
    image.file.name = new_name
    delete_renditions(image)
    transaction.on_commit(lambda: storage.delete(old_name))
    return True


def delete_renditions(image):
    """Every rendition of ``image``: rows now, files when the transaction commits
    (Wagtail's own clean-up), so no earlier URL answers any more."""
    if image is not None:
        for rendition in image.renditions.all():
            rendition.delete()


def portfolio_photos(page):
    """The images a portfolio page shows or has shown (its row and its drafts)."""
    ids = {page.photo_id} if page.photo_id else set()
    for content in page.revisions.values_list("content", flat=True):
        photo_id = (content or {}).get("photo")
        if photo_id:
            ids.add(photo_id)
    return list(get_image_model().objects.filter(pk__in=ids))


def withhold(page, erase=False):
    """The portfolio may not be public: its photos' renditions go (and the
    photos themselves when the person's data is erased)."""
    for image in portfolio_photos(page):
        if erase:
            image.delete()
        else:
            delete_renditions(image)


def _on_portfolio_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.photo_id:
        seclude(instance.photo)


def _on_revision_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or not created:
        return
    model = instance.content_type.model_class()
    if model is None or not issubclass(model, MentorPortfolioPage):
        return
    photo_id = (instance.content or {}).get("photo")
    if photo_id:
        seclude(get_image_model().objects.filter(pk=photo_id).first())


def connect_signals():
    uid = "mentoring-portfolios-photo-files-"
    post_save.connect(
        _on_portfolio_saved, sender=MentorPortfolioPage, dispatch_uid=uid + "page"
    )
    post_save.connect(_on_revision_saved, sender=Revision, dispatch_uid=uid + "rev")

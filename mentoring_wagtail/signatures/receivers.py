"""Signals tying signatures to the rest of the package without touching it.

- a ``SignOff`` row (the «Подписание директором» step approved) signs the file;
- a route finished (its last step, the director's approval, publishes the
  page) signs a roadmap page's published content (``pages.py``);
- a signed document's file replaced in the Documents section, or
  publishing a record whose file is no longer the signed one logs, once, who
  replaced it (the author of the published revision).
"""

from django.db.models.signals import post_save
from wagtail.documents import get_document_model
from wagtail.signals import published, workflow_approved

from ..approvals.models import SignOff
from ..documents.listing_columns import register_listing_columns
from .marks import add_mark_columns, is_file_unchanged
from .models import Signature
from .pages import sign_on_route_approved
from .signing import note_file_replaced, sign


def sign_on_sign_off(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    record = (
        instance.content_type.model_class()
        ._default_manager.filter(pk=instance.object_id)
        .first()
    )
    if record is None or not hasattr(record, "primary_file"):
        return

    sign(record, instance.signed_by, sign_off=instance)


def note_replaced_on_publish(sender, instance, revision=None, **kwargs):
    if not hasattr(instance, "primary_file"):
        return

    signature = Signature.objects.for_object(instance).current().first()
    if signature is not None and not is_file_unchanged(instance, signature):
        user = getattr(revision, "user", None)
        note_file_replaced(signature, user, instance)


def note_replaced_document_file(sender, instance, raw=False, **kwargs):
    """A new file uploaded into a signed document in the Documents section.

    The user is the one of Wagtail's log context (every admin view sets it).
    """
    if raw:
        return

    for signature in Signature.objects.current().filter(
        document=instance, file_replaced_at__isnull=True
    ):
        if (instance.file_hash or "") != signature.file_hash:
            note_file_replaced(signature, None)


def connect_signals():
    register_listing_columns(add_mark_columns)
    post_save.connect(
        note_replaced_document_file,
        sender=get_document_model(),
        dispatch_uid="mentoring-signature-document-replaced",
    )
    post_save.connect(
        sign_on_sign_off, sender=SignOff, dispatch_uid="mentoring-signature-sign-off"
    )
    published.connect(
        note_replaced_on_publish, dispatch_uid="mentoring-signature-file-replaced"
    )
    workflow_approved.connect(
        sign_on_route_approved, dispatch_uid="mentoring-signature-page-approved"
    )

"""Applying a simple electronic signature to the file a record publishes."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from ..approvals.models import latest_version, object_reference
from ..section.site_settings import OrganisationSettings
from .digests import sha256_of
from .keys import new_nonce, signature_key
from .models import Signature
from .tasks import compute_streebog


def signer_details(user, record):
    """Full name and position of ``user`` as of now (the record, then the site)."""
    organisation = (
        OrganisationSettings.for_site(record.site) if record.site_id else None
    )
    name = (user.get_full_name() or "").strip() if user else ""
    name = name or getattr(record, "signatory_name", "") or ""
    name = name or (organisation.director_name if organisation else "") or str(user)
    position = getattr(record, "signatory_title", "") or (
        organisation.director_title if organisation else ""
    )
    return name, position


@transaction.atomic
def sign(record, user, sign_off=None):
    """Sign the file ``record`` publishes (its latest version's); return the signature.

    Signing the same file again returns the current signature; a new file
    gets a new signature and the previous one is superseded, not deleted.
    """
    version = latest_version(record)
    document = version.primary_file
    if document is None:
        return None
    content_type, object_id = object_reference(record)
    sha256 = sha256_of(document.file)
    current = (
        Signature.objects.select_for_update()
        .filter(content_type=content_type, object_id=object_id)
        .current()
        .first()
    )
    if current and current.document_id == document.pk and current.sha256 == sha256:
        return current
    now = timezone.now()
    name, position = signer_details(user, version)
    nonce = new_nonce()
    signature = Signature.objects.create(
        content_type=content_type,
        object_id=object_id,
        document=document,
        signer=user,
        signer_name=name,
        signer_position=position,
        signed_at=now,
        sha256=sha256,
        streebog256="",  # computed in the background (tasks.py)
        file_hash=document.file_hash or "",
        nonce=nonce,
        key=signature_key(
            f"{content_type.pk}:{object_id}", document.pk, sha256, now, nonce
        ),
        sign_off=sign_off,
    )
    if current:
        current.supersede(by=signature)

    transaction.on_commit(lambda: compute_streebog.enqueue(signature.pk))
    log(
        instance=record,
        action="mentoring_wagtail.simple_signature",
        user=user,
        data={"key": signature.key, "file": document.title, "sha256": sha256},
    )
    return signature


def note_file_replaced(signature, user, record=None):
    """Log, once, that the file behind ``signature`` changed after signing."""
    if signature.file_replaced_at is not None:
        return
    signature.file_replaced_at = timezone.now()
    signature.save(update_fields=["file_replaced_at"])
    record = record or signature.content_object
    if record is not None:
        log(
            instance=record,
            action="mentoring_wagtail.signed_file_replaced",
            user=user,
            data={"key": signature.key},
        )

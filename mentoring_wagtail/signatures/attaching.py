"""Attaching a verified qualified signature (КЭП) to a signed file."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .digests import CHUNK, sha256_of
from .models import QualifiedSignature
from .qualified import refuse, verify_detached


def _chunks(field_file):
    def read():
        with field_file.storage.open(field_file.name, "rb") as handle:
            yield from iter(lambda: handle.read(CHUNK), b"")

    return read


@transaction.atomic
def attach_qualified(signature, data, user):
    """Verify ``data`` (a .sig/.p7s) against the file ``signature`` signs and keep it.

    Raises ``ValidationError`` (nothing stored) when it does not hold.
    """
    document = signature.document
    if signature.superseded_at or sha256_of(document.file) != signature.sha256:
        refuse(_("The signed file was replaced; sign the document again first."))
    known = {}
    if signature.streebog256:  # of this very file: its SHA-256 was just checked
        known["streebog256"] = bytes.fromhex(signature.streebog256)
    certificate = verify_detached(data, _chunks(document.file), known_digests=known)
    qualified = QualifiedSignature(
        signature=signature,
        digest_algorithm=certificate["digest"],
        certificate=certificate,
        attached_by=user,
    )
    qualified.sig_file.save(f"{signature.key}.sig", ContentFile(data), save=False)
    qualified.save()
    record = signature.content_object
    if record is not None:
        log(
            instance=record,
            action="mentoring_wagtail.qualified_signature",
            user=user,
            data={"owner": certificate["owner"], "serial": certificate["serial"]},
        )
    return qualified

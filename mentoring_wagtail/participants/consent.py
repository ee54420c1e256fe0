"""The rules of a consent record, and the check of files holding personal data.

A signed consent scan or a course certificate (``personal_file_errors``, one
rule for both) must really be a PDF (checked by the core's document
validator) or a JPEG/PNG image (opened by Pillow), whatever its name says,
and lie in a collection closed to visitors.
"""

import io

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from mentoring_wagtail.documents.registry import private_collection_ids
from mentoring_wagtail.documents.validators import validate_document_bytes
from mentoring_wagtail.word.safety import read_upload

from .choices import ConsentGiver

IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def validate_scan_bytes(data):
    """Raise ``ValidationError`` unless ``data`` is a sound PDF or image."""
    if not data:
        raise ValidationError(_("The file is empty."), code="empty_file")
    if data.startswith(IMAGE_SIGNATURES):
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(
                _("The image of the scan is damaged; scan it again."),
                code="broken_image",
            ) from exc
        return "image"
    if data.startswith(b"%PDF-"):
        return validate_document_bytes(data)
    raise ValidationError(
        _(
            "A scan must be a PDF file or a JPEG/PNG image, whatever the file "
            "name says."
        ),
        code="scan_type_refused",
    )


def validate_scan_document(document):
    try:
        document.file.open("rb")
        try:
            return validate_scan_bytes(read_upload(document.file))
        finally:
            document.file.close()
    except (FileNotFoundError, OSError) as exc:
        raise ValidationError(
            _("The file of «%(title)s» cannot be read.") % {"title": document.title},
            code="file_missing",
        ) from exc


def _person(consent):
    """The consent's person, saved or not yet (an import checks before saving)."""
    try:
        return consent.person
    except ObjectDoesNotExist:
        return None


def consent_errors(consent):
    """Errors of a consent record by field (empty dict: valid)."""
    errors = {}
    today = timezone.localdate()
    if consent.given_on and consent.given_on > today:
        errors["given_on"] = _("A consent cannot be dated in the future.")
    if (
        consent.withdrawn_on
        and consent.given_on
        and consent.withdrawn_on < consent.given_on
    ):
        errors["withdrawn_on"] = _("A consent cannot be withdrawn before it was given.")
    if consent.given_by == ConsentGiver.LEGAL_REPRESENTATIVE:
        if not consent.representative_name.strip():
            errors["representative_name"] = _(
                "Name the legal representative who signed the consent."
            )
        if not consent.representative_relation.strip():
            errors["representative_relation"] = _(
                "Say who the representative is to the person (mother, guardian…)."
            )
    elif _person(consent) is not None and _person(consent).is_minor():
        errors["given_by"] = _(
            "For a minor the consent is given by a legal representative."
        )
    if consent.covers_publication and not consent.covers_processing:
        errors["covers_publication"] = _(
            "Publication needs the consent to processing as well."
        )
    if consent.scan_id:
        problems = personal_file_errors(consent.scan)
        if problems:
            errors["scan"] = problems
    return errors


def personal_file_errors(document):
    """Messages (empty: fine) about a scan holding someone's personal data."""
    try:
        validate_scan_document(document)
    except ValidationError as error:
        return error.messages
    if not in_private_collection(document):
        return [
            _(
                "This file holds personal data: upload it into a collection "
                "closed to visitors (for example «Наставничество / Участники»)."
            )
        ]
    return []


def in_private_collection(document):
    """The document's collection (or one above it) has a view restriction."""
    return document.collection_id in private_collection_ids()

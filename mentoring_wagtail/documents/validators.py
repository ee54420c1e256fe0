"""Checks of uploaded official documents by their content, never by their name.

A signed scan must really be a PDF, a draft a real Word (.docx) or
OpenDocument (.odt) file: a renamed executable or a truncated file is refused
with a message the secretary understands. PDFs are read by pypdf and refused
if they carry scripts, launch actions, attached files or a hidden second file
(:mod:`mentoring_wagtail.documents.pdf_safety`); Word files are streamed
through expat before python-docx reads them (:mod:`mentoring_wagtail.word.safety`).
The accepted types and the size limit come from
``MENTORING_WAGTAIL_ALLOWED_DOCUMENT_TYPES`` and ``MENTORING_WAGTAIL_MAX_UPLOAD_SIZE``.

Two places call :func:`validate_document_file`:

* :class:`MentoringDocumentForm`, Wagtail's document form base (set
  ``WAGTAILDOCS_DOCUMENT_FORM_BASE``), for uploads into the mentoring
  collection and its children, single or multiple, and in choosers;
* the official document models, when a document is chosen for a signed scan
  or a file, so a file uploaded elsewhere cannot slip in unchecked.
"""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ..conf import get_setting
from ..word.safety import DocxRefused, check_docx_bytes, read_upload
from .pdf_safety import check_pdf_bytes

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

TYPE_NAMES = {"pdf": "PDF", "docx": "Word (.docx)", "odt": "OpenDocument (.odt)"}


def _looks_like_pdf(data):
    return data.startswith(b"%PDF-")


def _is_zip(data):
    return data[:4] == b"PK\x03\x04"


def _zip_mimetype(data):
    """The ``mimetype`` entry of an OpenDocument package, or ``None``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "mimetype" not in archive.namelist():
                return None
            return archive.read("mimetype").strip()
    except (zipfile.BadZipFile, OSError, EOFError, KeyError):
        return None


def _check_odt(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.testzip() is not None or "content.xml" not in archive.namelist():
                raise zipfile.BadZipFile
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ValidationError(
            _("The OpenDocument file is damaged and cannot be read."),
            code="broken_odt",
        ) from exc


def detect_document_type(data):
    """``"pdf"``, ``"docx"``, ``"odt"`` or ``None`` from the first bytes."""
    if _looks_like_pdf(data):
        return "pdf"
    if _is_zip(data):
        if _zip_mimetype(data) == ODT_MIMETYPE:
            return "odt"
        return "docx"  # check_docx_bytes refuses any other archive clearly
    return None


def allowed_types_text(allowed):
    return ", ".join(TYPE_NAMES.get(kind, kind) for kind in allowed)


def validate_document_bytes(data, *, size=None):
    """Raise ``ValidationError`` unless ``data`` is an accepted, sound document.

    Returns the detected type (``"pdf"``, ``"docx"`` or ``"odt"``).
    """
    size = len(data) if size is None else size
    limit = get_setting("MAX_UPLOAD_SIZE")
    if size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="empty_file")
    allowed = tuple(get_setting("ALLOWED_DOCUMENT_TYPES"))
    kind = detect_document_type(data)
    if kind is None or kind not in allowed:
        raise ValidationError(
            _(
                "This file is not an accepted document: only %(types)s files are "
                "accepted, whatever the file name says."
            )
            % {"types": allowed_types_text(allowed)},
            code="file_type_refused",
        )
    if kind == "pdf":
        check_pdf_bytes(data)
    elif kind == "docx":
        try:
            check_docx_bytes(data)
        except DocxRefused as exc:
            raise ValidationError(str(exc), code="broken_docx") from exc
    else:
        _check_odt(data)
    return kind


def validate_document_file(upload):
    """Validate a Django ``File``/``UploadedFile`` (or bytes) by its content."""
    size = getattr(upload, "size", None)
    limit = get_setting("MAX_UPLOAD_SIZE")
    if size is not None and size > limit:
        # Refuse before reading an oversized file into memory.
        return validate_document_bytes(b"", size=size)
    return validate_document_bytes(read_upload(upload))


def validate_stored_document(document):
    """Validate the file of a Wagtail ``Document`` already in storage."""
    try:
        document.file.open("rb")
        try:
            return validate_document_file(document.file)
        finally:
            document.file.close()
    except (FileNotFoundError, OSError) as exc:
        raise ValidationError(
            _("The file of «%(title)s» cannot be read.") % {"title": document.title},
            code="file_missing",
        ) from exc

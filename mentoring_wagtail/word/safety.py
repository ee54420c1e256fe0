"""Open an uploaded .docx only after checking it cannot hurt us.

python-docx reads every part into memory and silently drops text after an
entity, so the zip container is inspected first: entry count, total
uncompressed size, compression ratio, then every XML part is streamed through
expat (:mod:`mentoring_wagtail.word.part_scan`): a DTD or entity declaration in
any encoding, or a table over the row limit, is refused before python-docx
loads anything. Every refusal is a ``DocxRefused`` carrying a message for the
user, in their language.
"""

import io
import zipfile

import docx
from django.utils.translation import gettext as _
from lxml import etree

from ..conf import get_setting
from .part_scan import PartRefused, scan_xml_parts

# A real .docx compresses its XML about 5–20 times; a zip bomb by thousands.
MAX_COMPRESSION_RATIO = 200


class DocxRefused(ValueError):
    """The file is not a Word document we are willing to read."""


def read_upload(upload):
    """Bytes of an uploaded file (Django ``UploadedFile``, file object or bytes)."""
    if isinstance(upload, bytes | bytearray):
        return bytes(upload)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read()
    if hasattr(upload, "seek"):
        upload.seek(0)
    return data


def check_docx_bytes(data):
    """Raise ``DocxRefused`` unless ``data`` looks like a safe Word document."""
    if not data:
        raise DocxRefused(_("The file is empty."))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocxRefused(
            _("The file is not a Word document (.docx). Save it in Word as .docx.")
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise DocxRefused(
            _("The Word document is damaged and cannot be read.")
        ) from exc
    with archive:
        if len(entries) > get_setting("DOCX_MAX_ENTRIES"):
            raise DocxRefused(
                _("The Word document has too many parts to be read safely.")
            )
        total = sum(entry.file_size for entry in entries)
        compressed = sum(entry.compress_size for entry in entries) or 1
        if (
            total > get_setting("DOCX_MAX_UNCOMPRESSED_SIZE")
            or total / compressed > MAX_COMPRESSION_RATIO
        ):
            raise DocxRefused(
                _("The Word document unpacks to too much data to be read safely.")
            )
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" not in names or "word/document.xml" not in names:
            raise DocxRefused(
                _("The file is an archive but not a Word document (.docx).")
            )
        try:
            scan_xml_parts(
                archive,
                entries,
                max_table_rows=get_setting("ROADMAP_IMPORT_MAX_ROWS"),
            )
        except PartRefused as refusal:
            raise DocxRefused(_refusal_message(refusal)) from refusal


def _refusal_message(refusal):
    if refusal.reason == "declaration":
        return _(
            "The Word document contains XML entity declarations, which "
            "Word never writes; it is refused for safety."
        )
    if refusal.reason == "rows":
        return _(
            "The Word document has a table of more than %(max)s rows; it is "
            "refused before being read."
        ) % {"max": refusal.details["limit"]}
    return _("The Word document is damaged and cannot be read.")


def open_docx(upload):
    """Check and open a .docx; return a python-docx ``Document``."""
    data = read_upload(upload)
    check_docx_bytes(data)
    try:
        return docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile) as exc:
        raise DocxRefused(
            _("The Word document is damaged and cannot be read.")
        ) from exc

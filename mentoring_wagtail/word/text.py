"""Plain text of an uploaded Word document, for the search index.

Reads paragraphs and table cells by walking the XML (``w:t`` elements), which
is fast and sees merged cells once; the file is checked by
:func:`~mentoring_wagtail.word.safety.open_docx` first. Anything
that is not a readable .docx gives an empty text: a PDF scan has no text
layer we could trust.
"""

import logging

from docx.oxml.ns import qn

from .safety import DocxRefused, open_docx

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 200_000
PARAGRAPH = qn("w:p")
TEXT = qn("w:t")


def docx_bytes_text(data):
    """Text of the .docx in ``data`` (bytes), one paragraph per line."""
    document = open_docx(data)
    lines = []
    for paragraph in document.element.body.iter(PARAGRAPH):
        line = "".join(node.text or "" for node in paragraph.iter(TEXT)).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)[:MAX_TEXT_LENGTH]


def document_text(document, raise_on_read_error=False):
    """Text of a Wagtail ``Document`` if it is a Word file, else ``""``.

    A storage that cannot be read gives ``""`` too, or raises with
    ``raise_on_read_error`` (a background job, retried later)."""
    if document.file_extension.lower() not in ("docx", ""):
        return ""
    try:
        with document.open_file() as handle:
            data = handle.read()
    except (OSError, ValueError):
        logger.warning("Cannot read document %s for indexing", document.pk)
        if raise_on_read_error:
            raise
        return ""
    if not data.startswith(b"PK"):
        return ""
    try:
        return docx_bytes_text(data)
    except DocxRefused:
        return ""

"""Refuse PDFs that carry more than a page: scripts, launch actions, attached
files, or a second file hidden behind the PDF header (a polyglot).

The structure is read by pypdf in strict mode, so a file whose cross-reference
table or objects do not parse is refused as damaged; every object is then
walked, including objects packed in object streams, whose names pypdf has
already decoded (``/J#61vaScript`` is ``/JavaScript``).
"""

import io
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# A PDF ends with «%%EOF», possibly followed by whitespace; a truncated one
# (an interrupted scan upload) or one with something appended does not.
PDF_EOF = re.compile(rb"%%EOF\s*$")
PDF_TAIL_BYTES = 2048
HEADER_LINE = re.compile(rb"%PDF-\d\.\d[^\r\n]{0,32}[\r\n]")
# Between the header line and the first object only comments may stand.
FIRST_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
COMMENTS_ONLY = re.compile(rb"(?:\s|%[^\r\n]*)*")
# A browser sniffs the first bytes of a file for markup; only there is it
# looked for (a short tag would turn up by chance in compressed page images).
SNIFFED_BYTES = 1024
MARKUP = (b"<script", b"<html", b"<!doctype html", b"<body", b"<iframe", b"<svg")
# Programs are recognised anywhere by markers too long to occur by chance.
PROGRAM = re.compile(
    rb"This program cannot be run in DOS mode|\x7fELF[\x01\x02][\x01\x02]\x01"
)
# Names that make a PDF act instead of show.
ACTIVE_NAMES = {
    "/JS": "javascript",
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/EmbeddedFile": "embedded_file",
    "/EmbeddedFiles": "embedded_file",
    "/FileAttachment": "embedded_file",
    "/RichMedia": "embedded_file",
}
MAX_VISITS = 200_000


def _refuse(code):
    messages = {
        "broken_pdf": _(
            "The PDF file is damaged or incomplete; scan or save it again."
        ),
        "foreign_content": _(
            "The PDF file hides another kind of file (a program or a web page) "
            "and is refused for safety."
        ),
        "javascript": _(
            "The PDF file contains JavaScript and is refused for safety; print "
            "it to PDF or scan it again."
        ),
        "launch": _(
            "The PDF file would start a program when opened and is refused for safety."
        ),
        "embedded_file": _(
            "The PDF file carries attached files and is refused for safety; "
            "attach each document separately."
        ),
        "encrypted": _(
            "The PDF file is password-protected and cannot be checked; save it "
            "without a password."
        ),
        "too_complex": _("The PDF file is too complex to be checked."),
    }
    return ValidationError(
        messages[code], code=code if code == "broken_pdf" else f"pdf_{code}"
    )


def _check_layout(data):
    if not PDF_EOF.search(data[-PDF_TAIL_BYTES:]):
        raise _refuse("broken_pdf")
    header = HEADER_LINE.match(data)
    first_object = FIRST_OBJECT.search(data)
    if header is None or first_object is None:
        raise _refuse("broken_pdf")
    if COMMENTS_ONLY.fullmatch(data, header.end(), first_object.start()) is None:
        raise _refuse("foreign_content")
    head = data[:SNIFFED_BYTES].lower()
    if any(tag in head for tag in MARKUP) or PROGRAM.search(data):
        raise _refuse("foreign_content")


def _walk(root):
    """Yield every name (key or value) reachable from ``root``, once per object."""
    seen = set()
    stack = [root]
    visits = 0
    while stack:
        node = stack.pop()
        visits += 1
        if visits > MAX_VISITS:
            raise _refuse("too_complex")
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for name, value in node.items():
                yield name
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
        elif isinstance(node, NameObject):
            yield node


def _all_objects(reader):
    yield reader.trailer
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield IndirectObject(number, generation, reader)
    for number in reader.xref_objStm:
        yield IndirectObject(number, 0, reader)


def check_pdf_bytes(data):
    """Raise ``ValidationError`` unless ``data`` is a PDF that only shows pages."""
    _check_layout(data)
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            raise _refuse("encrypted")
        if len(reader.pages) < 1:
            raise _refuse("broken_pdf")
        for root in _all_objects(reader):
            for name in _walk(root):
                if name in ACTIVE_NAMES:
                    raise _refuse(ACTIVE_NAMES[name])
    except ValidationError:
        raise
    except RecursionError as exc:
        raise _refuse("too_complex") from exc
    except Exception as exc:  # noqa: BLE001 - any parser failure on hostile input
        raise _refuse("broken_pdf") from exc

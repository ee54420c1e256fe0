"""Rule 5 of issue 9: Word files are refused for any DTD or entity declaration
whatever the encoding of the part, and a table over the row limit is refused
before it is parsed whole, in bounded memory (measured here)."""

import io
import re
import tracemalloc

import docx
import pytest
from django.utils.translation import gettext

from mentoring_wagtail.roadmaps.word_reader import read_roadmap
from mentoring_wagtail.word.safety import (
    DocxRefused,
    check_docx_bytes,
    open_docx,
)
from mentoring_wagtail.word.text import docx_bytes_text

from ..documents.hostile_files import (
    ENTITY_VARIANTS,
    _rewrite_docx,
    docx_with_entities,
    docx_with_rows,
)
from ..documents_support import docx_bytes

ENTITY_MESSAGE = (
    "The Word document contains XML entity declarations, which Word never "
    "writes; it is refused for safety."
)


def _declare_utf16(text):
    return re.sub(r"encoding=[\"'][^\"']+[\"']", 'encoding="UTF-16"', text, count=1)


@pytest.mark.parametrize("variant", sorted(ENTITY_VARIANTS))
def test_entities_are_refused_in_every_encoding(variant):
    data = docx_with_entities(*ENTITY_VARIANTS[variant])
    for reader in (check_docx_bytes, open_docx, read_roadmap, docx_bytes_text):
        with pytest.raises(DocxRefused) as error:
            reader(data)
        assert str(error.value) == gettext(ENTITY_MESSAGE)


def test_a_declaration_in_any_part_is_refused():
    # Not only the main part: styles, relationships, headers too.
    output = io.BytesIO()
    import zipfile

    with (
        zipfile.ZipFile(io.BytesIO(docx_bytes())) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                text = _declare_utf16(content.decode("utf-8"))
                text = text.replace("?>", '?><!DOCTYPE r [<!ENTITY a "b">]>', 1)
                content = b"\xff\xfe" + text.encode("utf-16-le")
            target.writestr(item, content)
    with pytest.raises(DocxRefused) as error:
        check_docx_bytes(output.getvalue())
    assert str(error.value) == gettext(ENTITY_MESSAGE)


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-8", b"")])
def test_a_sound_document_in_utf16_is_still_read(codec, bom):
    # The check decodes; it does not refuse an encoding Word may use.
    def transform(content):
        text = _declare_utf16(content.decode("utf-8"))
        return bom + text.encode(codec) if codec != "utf-8" else content

    data = _rewrite_docx(docx_bytes("Положение о наставничестве"), transform)
    check_docx_bytes(data)
    assert "Положение о наставничестве" in docx_bytes_text(data)


def test_a_broken_xml_part_is_refused_as_damaged():
    data = _rewrite_docx(docx_bytes(), lambda content: content[:-40])
    with pytest.raises(DocxRefused) as error:
        check_docx_bytes(data)
    assert str(error.value) == gettext(
        "The Word document is damaged and cannot be read."
    )


def test_the_row_limit_counts_every_table(settings):
    settings.MENTORING_WAGTAIL_ROADMAP_IMPORT_MAX_ROWS = 50
    check_docx_bytes(docx_with_rows(50))
    with pytest.raises(DocxRefused) as error:
        check_docx_bytes(docx_with_rows(51))
    assert str(error.value) == gettext(
        "The Word document has a table of more than %(max)s rows; it is "
        "refused before being read."
    ) % {"max": 50}


def _peak(function, *args):
    """Peak of memory allocated through Python while ``function`` runs."""
    tracemalloc.start()
    try:
        try:
            result = function(*args)
        except DocxRefused as refusal:
            result = refusal
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def test_a_100000_row_table_is_refused_in_bounded_memory():
    data = docx_with_rows(100_000)

    def parse_whole(data):
        # What refusing it used to cost: python-docx loads the document and
        # the rows are walked to count them. tracemalloc sees only Python's
        # allocations, not libxml2's tree, so the real gap is wider still.
        document = docx.Document(io.BytesIO(data))
        return len(document.tables[0]._tbl.tr_lst)

    parse_peak, rows = _peak(parse_whole, data)
    assert rows == 100_000
    for refuse in (check_docx_bytes, read_roadmap):
        refusal_peak, refusal = _peak(refuse, data)
        assert isinstance(refusal, DocxRefused), refusal
        assert "5000" in str(refusal)  # the default ROADMAP_IMPORT_MAX_ROWS
        # Measured on the development machine: about 0.5 MB against 24 MB.
        assert refusal_peak * 10 < parse_peak, (refusal_peak, parse_peak)

"""Build the Word templates in ``templates/`` with python-docx.

Run ``python scripts/build_word_templates.py`` after changing this script and
commit the .docx it writes. A school may also edit ``templates/order.docx`` in
Word (fonts, margins, a logo in the header) as long as each ``{{ placeholder }}``
stays in one piece of text with one formatting.

The order follows ГОСТ Р 7.0.97-2025: organisation name, document kind
«ПРИКАЗ», date and registration number, place, a title starting «О/Об …»,
the text, the mark of the appendices (``{{ approval_block }}``: the documents
the order approves), the signature (position and name), the visas from the
approval route (``{{ visas }}``), the executor mark and the familiarisation
lines. The page is A4 with margins 20/10/20/30 mm, Russian language and page
numbers from the second page (``mentoring_wagtail.word.office``); the writer
puts the QR-code requisite in the first page's top margin.
"""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from mentoring_wagtail.word.office import make_office_paper

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "templates" / "order.docx"


def paragraph(doc, text, *, bold=False, align=None, size=None, space_after=6):
    para = doc.add_paragraph()
    run = para.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        para.alignment = align
    para.paragraph_format.space_after = Pt(space_after)
    return para


def two_cells(doc, left, right):
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left_cell, right_cell = table.rows[0].cells
    for cell, text in ((left_cell, left), (right_cell, right)):
        cell.paragraphs[0].add_run(text).font.size = Pt(14)
    right_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def build_order():
    doc = Document()
    doc.core_properties.title = "Приказ"
    doc.core_properties.subject = "{{ title }}"

    paragraph(
        doc, "{{ organisation_full_name }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    paragraph(
        doc,
        "ПРИКАЗ",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=16,
        space_after=12,
    )
    two_cells(doc, "{{ date }}", "№ {{ number }}")
    paragraph(doc, "{{ city }}", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    paragraph(doc, "{{ title }}", bold=True, space_after=12)
    body = paragraph(doc, "{{ body }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    body.paragraph_format.first_line_indent = Cm(1.25)
    paragraph(doc, "{{ approval_block }}")
    paragraph(doc, "", space_after=12)
    two_cells(doc, "{{ signatory_title }}", "{{ signatory_name }}")
    paragraph(doc, "", space_after=12)
    paragraph(doc, "{{ visas }}", space_after=0)
    paragraph(doc, "", space_after=12)
    paragraph(doc, "Исполнитель: {{ executor }}", size=12, space_after=12)
    paragraph(doc, "С приказом ознакомлены:", space_after=2)
    paragraph(doc, "{{ familiarisation }}")
    return make_office_paper(doc, title="Приказ", subject="{{ title }}")


def main():
    OUT.parent.mkdir(exist_ok=True)
    build_order().save(OUT)
    print(f"written: {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

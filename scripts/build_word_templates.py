"""Build the Word templates in ``templates/`` with python-docx.

Run ``python scripts/build_word_templates.py`` after changing this script and
commit the .docx it writes. A school may also edit ``templates/order.docx`` in
Word (fonts, margins, a logo in the header) as long as each ``{{ placeholder }}``
stays in one piece of text with one formatting.

The order follows ГОСТ Р 7.0.97-2025: organisation name, document kind
«ПРИКАЗ», date and registration number, place, a title starting «О/Об …»,
the text, the signature (position and name), the executor note and the
familiarisation sheet; ``{{ approval_block }}`` becomes the appendices with
the «УТВЕРЖДЕНО приказом от … № …» stamp.
"""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "templates" / "order.docx"


def set_margins(section):
    section.top_margin = Cm(2)
    section.bottom_margin = Cm(2)
    section.left_margin = Cm(3)
    section.right_margin = Cm(1.5)


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
    left_cell.paragraphs[0].add_run(left)
    right_cell.paragraphs[0].add_run(right)
    right_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def build_order():
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    set_margins(doc.sections[0])
    doc.core_properties.title = "Приказ"
    doc.core_properties.subject = "{{ title }}"

    header = doc.sections[0].header.paragraphs[0]
    header.text = "{{ organisation_short_name }}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.runs[0].font.size = Pt(9)

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
    paragraph(doc, "", space_after=12)
    two_cells(doc, "{{ signatory_title }}", "{{ signatory_name }}")
    paragraph(doc, "", space_after=12)
    paragraph(doc, "Исполнитель: {{ executor }}", size=10)
    paragraph(doc, "С приказом ознакомлены:", space_after=2)
    paragraph(doc, "{{ familiarisation }}")
    paragraph(doc, "{{ approval_block }}")
    return doc


def main():
    OUT.parent.mkdir(exist_ok=True)
    build_order().save(OUT)
    print(f"written: {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

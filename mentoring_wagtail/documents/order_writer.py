"""Fill the Word template of an order (``templates/order.docx``) with python-docx.

Placeholders ``{{ name }}`` are replaced wherever they stand: body, tables,
header, footer. ``{{ body }}``, ``{{ familiarisation }}`` and
``{{ approval_block }}`` stand alone in their paragraph and become several
paragraphs with the same formatting.
"""

import copy
import io
import re

from django.utils.formats import date_format
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.text.paragraph import Paragraph

from ..word.templates import word_template_path

DOCX_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")
BLANK = "____________"
FAMILIARISATION_LINES = 3


def _date(value):
    return date_format(value, "d.m.Y") if value else "«___» ________ 20__ г."


def order_values(order, organisation):
    """The one-line placeholders of the template."""
    return {
        "organisation_full_name": (organisation.full_name if organisation else "")
        or (organisation.short_name if organisation else ""),
        "organisation_short_name": organisation.short_name if organisation else "",
        "city": organisation.city if organisation else "",
        "date": _date(order.date),
        "number": order.number or BLANK,
        "title": order.title,
        "signatory_title": order.signatory_title
        or (organisation.director_title if organisation else ""),
        "signatory_name": order.signatory_name
        or (organisation.director_name if organisation else ""),
        "executor": BLANK,
    }


def approval_paragraphs(order):
    """Appendix stamps for each document the order approves (ГОСТ «УТВЕРЖДЕНО»)."""
    stamp = f"УТВЕРЖДЕНО приказом от {_date(order.date)} № {order.number or BLANK}"
    lines = []
    for index, obj in enumerate(order.get_approved_objects(), start=1):
        lines.append(("page_break", ""))
        lines.append(("right", f"Приложение {index}"))
        lines.append(("right", stamp))
        lines.append(("title", str(getattr(obj, "title", obj))))
    return lines


def _paragraphs_everywhere(document):
    def walk(container):
        yield from container.paragraphs
        for table in getattr(container, "tables", []):
            for row in table.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from walk(cell)

    yield from walk(document)
    for section in document.sections:
        for part in (section.header, section.footer):
            yield from walk(part)


def _replace_in_paragraph(paragraph, values):
    text = "".join(run.text for run in paragraph.runs)
    if "{{" not in text:
        return
    new_text = PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)
    if new_text == text:
        return
    runs = paragraph.runs
    runs[0].text = new_text
    for run in runs[1:]:
        run.text = ""


def _expand_paragraph(paragraph, lines):
    """Replace ``paragraph`` by one copy per ``(mode, text)`` line."""
    anchor = paragraph._p
    for mode, text in lines:
        new = copy.deepcopy(paragraph._p)
        anchor.addnext(new)
        anchor = new
        para = Paragraph(new, paragraph._parent)
        for run in para.runs[1:]:
            run._r.getparent().remove(run._r)
        run = para.runs[0] if para.runs else para.add_run()
        run.text = text
        if mode == "page_break":
            run.add_break(WD_BREAK.PAGE)
        elif mode == "right":
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif mode == "title":
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
    paragraph._p.getparent().remove(paragraph._p)


def build_order_docx(order, organisation, template=None):
    """The filled order as .docx bytes."""
    document = Document(str(template or word_template_path("order.docx")))
    values = order_values(order, organisation)
    body_lines = [line.strip() for line in (order.body or order.summary).splitlines()]
    blocks = {
        "body": [("text", line) for line in body_lines if line] or [("text", "")],
        "familiarisation": [("text", f"{BLANK} / {BLANK} / {_date(None)}")]
        * FAMILIARISATION_LINES,
        "approval_block": approval_paragraphs(order) if order.pk else [],
    }
    for paragraph in list(_paragraphs_everywhere(document)):
        text = paragraph.text.strip()
        match = PLACEHOLDER.fullmatch(text)
        if match and match.group(1) in blocks:
            _expand_paragraph(paragraph, blocks[match.group(1)])
        else:
            _replace_in_paragraph(paragraph, values)
    document.core_properties.subject = order.title
    document.core_properties.title = f"Приказ № {order.number or BLANK}"
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()

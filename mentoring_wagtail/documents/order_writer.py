"""Fill the Word template of an order (``templates/order.docx``) with python-docx.

Placeholders ``{{ name }}`` are replaced wherever they stand: body, tables,
header, footer. ``{{ body }}``, ``{{ familiarisation }}``, ``{{ visas }}`` and
``{{ approval_block }}`` stand alone in their paragraph and become several
paragraphs with the same formatting (or none).

The appendices are the documents the order approves; they are separate files,
so the order names them in the mark «Приложение: …» after the text (ГОСТ Р
7.0.97-2025) instead of carrying a page with only a stamp and a title. The
filled document goes through the package's one Word writer
(:mod:`mentoring_wagtail.word.office`) and gets the QR-code requisite.
"""

import copy
import re

from django.utils.formats import date_format
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.text.paragraph import Paragraph

from ..staff_details import staff_details
from ..word.office import document_bytes, organisation_name
from ..word.qr import place_qr, qr_text
from ..word.templates import word_template_path
from .registry_lookup import registry_full_url
from .visas import short_name, visas_for

DOCX_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")
BLANK = "____________"
FAMILIARISATION_LINES = 3


PLACE_PREFIXES = ("г.", "г ", "город", "с.", "пос", "п.", "д.", "ст-ца", "рп", "пгт")


def _date(value):
    return date_format(value, "d.m.Y") if value else "«___» ________ 20__ г."


def place(city):
    """«г. Заречный» (ГОСТ Р 7.0.97-2025), unless the site wrote «с. …» etc."""
    city = (city or "").strip()
    if not city or city.lower().startswith(PLACE_PREFIXES):
        return city
    return f"г. {city}"


def executor_text(order, executor=None):
    """«И. О. Фамилия, телефон» of who prepared the draft (its first revision)."""
    if executor is None and order.pk:
        first = order.revisions.order_by("created_at", "pk").first()
        executor = first.user if first is not None else None
    if executor is None:
        return BLANK
    phone = staff_details([executor], "phone").get(executor.pk, "")
    return ", ".join(filter(None, [short_name(executor), phone]))


def order_values(order, organisation, executor=None):
    """The one-line placeholders of the template."""
    return {
        "organisation_full_name": (organisation.full_name if organisation else "")
        or (organisation.short_name if organisation else ""),
        "organisation_short_name": organisation.short_name if organisation else "",
        "city": place(organisation.city if organisation else ""),
        "date": _date(order.date),
        "number": order.number or BLANK,
        "title": order.title,
        "signatory_title": order.signatory_title
        or (organisation.director_title if organisation else ""),
        "signatory_name": order.signatory_name
        or (organisation.director_name if organisation else ""),
        "executor": executor_text(order, executor),
    }


def approval_paragraphs(order):
    """The mark of the appendices: the documents the order approves, by name."""
    titles = [str(getattr(obj, "title", obj)) for obj in order.get_approved_objects()]
    if not titles:
        return []
    if len(titles) == 1:
        return [("plain", f"Приложение: {titles[0]}.")]
    return [("plain", "Приложение:")] + [
        ("plain", f"{index}. {title}.") for index, title in enumerate(titles, start=1)
    ]


def visa_paragraphs(order):
    visas = visas_for(order) if order.pk else []
    if not visas:
        return []
    return [("plain", "СОГЛАСОВАНО:")] + [("plain", visa.text()) for visa in visas]


def order_qr_text(order, organisation):
    """What the QR-code requisite carries: registration details and the address."""
    return qr_text(
        organisation=organisation_name(organisation),
        kind="Приказ",
        number=f"№ {order.number}" if order.number else "",
        date=f"от {_date(order.date)}" if order.date else "",
        url=registry_full_url(order) if order.pk else "",
    )


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
        elif mode == "plain":
            para.paragraph_format.first_line_indent = 0
            para.alignment = WD_ALIGN_PARAGRAPH.LEFT
        elif mode == "title":
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
    paragraph._p.getparent().remove(paragraph._p)


def build_order_docx(order, organisation, template=None, executor=None):
    """The filled order as .docx bytes.

    The QR code is drawn once the order is registered (number and date): a
    draft's would carry details that are not yet the document's.
    """
    document = Document(str(template or word_template_path("order.docx")))
    values = order_values(order, organisation, executor)
    body_lines = [line.strip() for line in (order.body or order.summary).splitlines()]
    blocks = {
        "body": [("text", line) for line in body_lines if line] or [("text", "")],
        "familiarisation": [("text", f"{BLANK} / {BLANK} / {_date(None)}")]
        * FAMILIARISATION_LINES,
        "approval_block": approval_paragraphs(order) if order.pk else [],
        "visas": visa_paragraphs(order),
    }
    for paragraph in list(_paragraphs_everywhere(document)):
        text = paragraph.text.strip()
        match = PLACEHOLDER.fullmatch(text)
        if match and match.group(1) in blocks:
            _expand_paragraph(paragraph, blocks[match.group(1)])
        else:
            _replace_in_paragraph(paragraph, values)
    if order.number and order.date:
        place_qr(document.sections[0], order_qr_text(order, organisation))
    return document_bytes(
        document,
        organisation=organisation,
        title=f"Приказ № {order.number or BLANK}",
        subject=order.title,
        keep_margins=True,
    )

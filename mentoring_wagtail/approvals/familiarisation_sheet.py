"""The familiarisation sheet (лист ознакомления) of a document, as .docx.

One table: number, person, date of acknowledgement, a blank cell for the
handwritten signature. python-docx is imported when a sheet is made.
"""

from types import SimpleNamespace

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from ..word.office import document_bytes, new_document, set_column_widths


def person_name(user):
    return user.get_full_name() or user.get_username()


SHEET_WIDTHS_MM = (12, 75, 45, 38)


def build_familiarisation_sheet(obj, acknowledgements, organisation_name=""):
    """Return the .docx bytes of the sheet for ``obj``."""
    document = new_document()
    if organisation_name:
        header = document.add_paragraph(organisation_name)
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(_("Familiarisation sheet").upper()).bold = True
    document.add_paragraph(_("with %(document)s") % {"document": describe(obj)})

    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        (_("No."), _("Full name"), _("Date of acknowledgement"), _("Signature")),
        strict=True,
    ):
        cell.text = text
    for index, row in enumerate(acknowledgements, start=1):
        cells = table.add_row().cells
        cells[0].text = str(index)
        cells[1].text = person_name(row.user)
        cells[2].text = (
            date_format(timezone.localtime(row.acknowledged_at), "d.m.Y")
            if row.acknowledged_at
            else ""
        )
        cells[3].text = ""
    set_column_widths(table, [Mm(width) for width in SHEET_WIDTHS_MM])
    title = _("Familiarisation sheet")
    return document_bytes(
        document,
        organisation=SimpleNamespace(full_name=organisation_name),
        title=str(title),
        subject=describe(obj),
    )


def describe(obj):
    """«Приказ № 5-ОД от 01.09.2025 «О …»» for an order, the title otherwise."""
    number = getattr(obj, "number", "")
    date = getattr(obj, "date", None)
    kind = str(obj._meta.verbose_name)
    parts = [kind]
    if number:
        parts.append(_("No. %(number)s") % {"number": number})
    if date:
        parts.append(_("of %(date)s") % {"date": date_format(date, "d.m.Y")})
    title = getattr(obj, "title", "") or str(obj)
    return " ".join(parts) + f" «{title}»"

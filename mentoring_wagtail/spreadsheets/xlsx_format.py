"""XLSX as a Russian office reads it: named sheets, typed cells, a fixed header.

Numbers and dates are typed cells (a date shows as 01.09.2025), text is
formula-escaped, the header row is bold and frozen, column widths fit the
text (up to a limit), sheet names are Russian and valid for Excel.
"""

import datetime
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .cells import typed

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
MAX_WIDTH = 60
BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(title, taken=()):
    """Excel's rules: 31 characters, none of []:*?/\\, unique in the book."""
    base = BAD_TITLE_CHARS.sub("-", str(title)).strip("' ") or "Лист"
    base = base[:31]
    candidate, number = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f" ({number})"
        candidate = base[: 31 - len(suffix)] + suffix
        number += 1
    return candidate


def _width(value):
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def write_sheet(workbook, title, rows):
    """Append a sheet ``title`` holding ``rows`` (the first one is the header)."""
    sheet = workbook.create_sheet(sheet_title(title, workbook.sheetnames))
    widths = {}
    bold = Font(bold=True)
    for row_index, row in enumerate(rows, start=1):
        for column_index, raw in enumerate(row, start=1):
            value = typed(raw)
            cell = sheet.cell(row=row_index, column=column_index)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula
                if "\n" in value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(value, datetime.datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
            if row_index == 1:
                cell.font = bold
            widths[column_index] = max(widths.get(column_index, 0), _width(value))
    for column_index, width in widths.items():
        sheet.column_dimensions[get_column_letter(column_index)].width = min(
            MAX_WIDTH, max(8, width + 2)
        )
    sheet.freeze_panes = "A2"
    return sheet


def xlsx_bytes(sheets):
    """``sheets``: ``[(title, rows)]``, each ``rows`` led by its header."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        write_sheet(workbook, title, rows)
    if not workbook.sheetnames:
        workbook.create_sheet("Лист1")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()

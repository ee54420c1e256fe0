"""Spreadsheets for the regional centre and for a questionnaire's results.

Text that a spreadsheet would run as a formula (starting with = + - @ or a
control character) is written with a leading apostrophe, in .csv and .xlsx.
"""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def indicator_rows(year_indicators):
    from .indicators import COUNT_LABELS

    yield [
        _("Indicator"),
        _("Count"),
        _("Base"),
        _("Value, %"),
        _("Target, %"),
        _("As reported"),
    ]
    for indicator in year_indicators:
        yield [
            str(indicator.label),
            indicator.numerator,
            indicator.denominator,
            indicator.percent,
            float(indicator.target) if indicator.target is not None else None,
            indicator.text,
        ]
    for code, label in COUNT_LABELS.items():
        yield [str(label), year_indicators.counts[code], None, None, None, None]


def to_csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        writer.writerow(["" if value is None else safe(value) for value in row])
    # A BOM so that Excel opens the Cyrillic as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheets):
    """``sheets``: ``[(title, rows)]``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        for row in rows:
            sheet.append([safe(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

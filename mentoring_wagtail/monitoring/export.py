"""Spreadsheets for the regional centre and for a questionnaire's results.

Text that a spreadsheet would run as a formula (starting with = + - @ or a
control character) is written with a leading apostrophe, in .csv and .xlsx;
both go through the package's one writer (``mentoring_wagtail.spreadsheets``).
"""

from django.utils.translation import gettext as _

from ..spreadsheets.cells import FORMULA_START, escape_formula
from ..spreadsheets.csv_format import csv_bytes
from ..spreadsheets.xlsx_format import CONTENT_TYPE as XLSX_TYPE
from ..spreadsheets.xlsx_format import xlsx_bytes
from .choices import COUNT_LABELS

__all__ = ["FORMULA_START", "XLSX_TYPE", "safe", "to_csv", "to_xlsx"]
safe = escape_formula


def indicator_rows(year_indicators):
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
    return csv_bytes(rows)


def to_xlsx(sheets):
    """``sheets``: ``[(title, rows)]``."""
    return xlsx_bytes(sheets)

"""CSV that Russian Excel and LibreOffice open right with their defaults.

UTF-8 with a BOM (Excel reads the Cyrillic as UTF-8), «;» between fields (the
list separator of a Russian Windows), a field in double quotes when it holds
«;», «,», a quote, a line break or leading/trailing spaces (LibreOffice's
import guesses «,» as a separator too), decimals with a comma in quotes
("10,5": still a number to both programs), dates
as 01.09.2025, CRLF line ends.
"""

import datetime
import decimal

from .cells import typed

CONTENT_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"
DELIMITER = ";"
NEEDS_QUOTES = (";", ",", '"', "\n", "\r")


def number_text(value):
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, decimal.Decimal):
        text = format(value.normalize(), "f")
    else:
        text = f"{value:.10g}"
    return text.replace(".", ",")


def field_text(value):
    value = typed(value)
    if value is None:
        return ""
    if isinstance(value, int | float | decimal.Decimal):
        text = number_text(value)
        # Quoted, a decimal is still a number to Excel and LibreOffice, and
        # an import that also splits at «,» keeps it whole.
        return f'"{text}"' if "," in text else text
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if any(char in value for char in NEEDS_QUOTES) or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_line(row):
    return DELIMITER.join(field_text(value) for value in row) + "\r\n"


def iter_csv(rows):
    """The file piece by piece (the BOM first), for a streaming response."""
    yield BOM.encode("utf-8")
    for row in rows:
        yield csv_line(row).encode("utf-8")


def csv_bytes(rows):
    return b"".join(iter_csv(rows))

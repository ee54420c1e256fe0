"""Read a base from .xlsx (openpyxl) or .csv into rows of text, refusing formulas.

A formula in a cell is refused, not evaluated: the message names its row and
column. A spreadsheet is a zip: its entries and unpacked size are checked
before openpyxl reads it, so a zip bomb is refused early.
"""

import csv
import datetime
import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_ZIP_ENTRIES = 1000
MAX_UNPACKED = 50 * 1024 * 1024


class BaseFileError(Exception):
    """The file as a whole cannot be read; the message says why, in Russian."""


def _check_zip(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise BaseFileError(
            _("The file is damaged: it is not a readable .xlsx.")
        ) from exc
    if (
        len(entries) > MAX_ZIP_ENTRIES
        or sum(e.file_size for e in entries) > MAX_UNPACKED
    ):
        raise BaseFileError(_("The .xlsx file is too large once unpacked."))


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(data, max_rows):
    _check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise BaseFileError(
            _("The file is damaged: it is not a readable .xlsx.")
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = []
        formulas = []
        for number, row in enumerate(sheet.iter_rows(), start=1):
            if number > max_rows + 1:
                raise BaseFileError(
                    _("The file has more than %(max)s rows.") % {"max": max_rows}
                )
            values = []
            for cell in row:
                if getattr(cell, "data_type", None) == "f" or (
                    isinstance(cell.value, str) and cell.value.startswith("=")
                ):
                    formulas.append((number, getattr(cell, "column", len(values) + 1)))
                values.append(_cell_text(cell.value))
            rows.append(values)
    finally:
        workbook.close()
    return rows, formulas


def read_csv(data, max_rows):
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise BaseFileError(_("The CSV file is neither UTF-8 nor Windows-1251 text."))
    if "\x00" in text:
        raise BaseFileError(_("The file is not a CSV table."))
    sample = text[:4096]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    rows, formulas = [], []
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        if number > max_rows + 1:
            raise BaseFileError(
                _("The file has more than %(max)s rows.") % {"max": max_rows}
            )
        values = [value.strip() for value in row]
        for column, value in enumerate(values, start=1):
            if value.startswith("="):
                formulas.append((number, column))
        rows.append(values)
    return rows, formulas


def read_table(upload, max_rows):
    """``(rows, formulas)``: rows of cell texts (the first is the header)."""
    name = (getattr(upload, "name", "") or "").lower()
    data = upload.read()
    if not data:
        raise BaseFileError(_("The file is empty."))
    if data[:4] == b"PK\x03\x04":
        return read_xlsx(data, max_rows)
    if name.endswith((".xlsx", ".xlsm")):
        raise BaseFileError(_("The file is damaged: it is not a readable .xlsx."))
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise BaseFileError(
            _("Old Excel files (.xls) are not read: save the table as .xlsx or .csv.")
        )
    return read_csv(data, max_rows)

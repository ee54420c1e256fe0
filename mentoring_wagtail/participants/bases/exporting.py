"""Export a base to .xlsx or .csv in the import's own columns, formula-safe.

A value that a spreadsheet would run as a formula (starting with «=», «+»,
«-», «@», a tab or a carriage return) is written with a leading apostrophe,
the OWASP advice for CSV injection; only visible people are exported.
"""

import csv
import io

from mentoring_wagtail.access.site_scope import filter_to_sites

from ..models import Mentee, Mentor
from ..models.people import only_visible
from .columns import BASES

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _value(obj, column, consent):
    section, name = column.target.split(".")
    if section == "consent":
        if consent is None:
            return ""
        value = getattr(consent, name)
        if name == "covers_publication":
            return "да" if value else "нет"
        return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else value
    source = obj.person if section == "person" else obj
    if name == "forms":
        return ", ".join(form.name for form in obj.forms.all())
    if name == "preferred_form":
        return obj.preferred_form.name if obj.preferred_form_id else ""
    if column.kind == "choice":
        labels = dict(column.choices)
        code = getattr(source, name)
        return labels.get(code, code)
    value = getattr(source, name)
    return "" if value is None else value


def base_queryset(base, sites=None):
    """The base's rows; of the schools ``sites`` only, unless None (every school)."""
    if base == "mentors":
        queryset = Mentor.objects.prefetch_related("forms")
    else:
        queryset = Mentee.objects.select_related("preferred_form")
    if sites is not None:
        queryset = filter_to_sites(queryset, sites)
    return (
        only_visible(queryset, "person__")
        .select_related("person")
        .prefetch_related("person__consents")
    )


def base_rows(base, sites=None):
    columns = BASES[base]
    yield [column.header for column in columns]
    for obj in base_queryset(base, sites):
        consent = obj.person.valid_processing_consent()
        yield [safe_cell(_value(obj, column, consent)) for column in columns]


def export_csv(base, sites=None):
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    count = -1
    for row in base_rows(base, sites):
        writer.writerow(row)
        count += 1
    return ("\ufeff" + output.getvalue()).encode("utf-8"), count


def export_xlsx(base, sites=None):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="База")
    count = -1
    for row in base_rows(base, sites):
        # Strings only: openpyxl would store «=…» as a formula otherwise.
        sheet.append(row)
        count += 1
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue(), count

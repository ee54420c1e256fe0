"""Export a base to .xlsx or .csv in the import's own columns, formula-safe.

Both formats go through the package's one spreadsheet writer
(``mentoring_wagtail.spreadsheets``): a value that a spreadsheet would run as
a formula gets a leading apostrophe (the OWASP advice for CSV injection),
numbers (year of birth, experience) and dates stay typed; only visible people
are exported.
"""

from mentoring_wagtail.access.site_scope import filter_to_sites
from mentoring_wagtail.spreadsheets.cells import FORMULA_START as FORMULA_STARTS
from mentoring_wagtail.spreadsheets.cells import typed
from mentoring_wagtail.spreadsheets.csv_format import csv_bytes
from mentoring_wagtail.spreadsheets.xlsx_format import xlsx_bytes

from ..models import Mentee, Mentor
from ..models.people import only_visible
from .columns import BASES

__all__ = ["FORMULA_STARTS", "export_csv", "export_xlsx", "safe_cell"]
SHEET_TITLES = {"mentors": "База наставников", "mentees": "База наставляемых"}


def safe_cell(value):
    """The typed, formula-safe cell value (``None`` for an empty one)."""
    return typed(value)


def _value(obj, column, consent):
    section, name = column.target.split(".")
    if section == "consent":
        if consent is None:
            return ""
        value = getattr(consent, name)
        if name == "covers_publication":
            return "да" if value else "нет"
        return value
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
    rows = list(base_rows(base, sites))
    return csv_bytes(rows), len(rows) - 1


def export_xlsx(base, sites=None):
    rows = list(base_rows(base, sites))
    return xlsx_bytes([(SHEET_TITLES.get(base, "База"), rows)]), len(rows) - 1

"""Wagtail's listing exports (``list_export``) through the package's writers.

Mixed into an index view before Wagtail's own, it replaces
``SpreadsheetExportMixin``'s CSV (UTF-8 without BOM, «,») and XLSX («Sheet1»,
codes of choices, no widths) with :mod:`.csv_format` and :mod:`.xlsx_format`:
a field with choices gives its label, a related object its text, dates and
numbers stay typed.
"""

import io

from django.core.exceptions import FieldDoesNotExist
from django.http import FileResponse, StreamingHttpResponse
from django.utils.text import capfirst
from wagtail.coreutils import multigetattr

from .csv_format import CONTENT_TYPE as CSV_TYPE
from .csv_format import iter_csv
from .xlsx_format import CONTENT_TYPE as XLSX_TYPE
from .xlsx_format import xlsx_bytes


def export_value(item, field):
    """The human value of ``field`` (a dotted path) on ``item``."""
    if "." not in field:
        try:
            model_field = item._meta.get_field(field)
        except FieldDoesNotExist:
            model_field = None
        if model_field is not None and model_field.choices:
            return getattr(item, f"get_{field}_display")()
    return multigetattr(item, field)


class RussianSpreadsheetExportMixin:
    def export_rows(self, queryset):
        yield [
            capfirst(self.get_heading(queryset, field)) for field in self.list_export
        ]
        for item in queryset:
            yield [
                self.preprocess_export_value(field, export_value(item, field))
                for field in self.list_export
            ]

    def preprocess_export_value(self, field, value):
        function = self.custom_field_preprocess.get(field, {}).get(self.FORMAT_XLSX)
        return function(value) if function is not None else value

    def export_sheet_title(self, queryset):
        return capfirst(str(queryset.model._meta.verbose_name_plural))

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(
            iter_csv(self.export_rows(queryset)), content_type=CSV_TYPE
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{self.get_filename()}.csv"'
        )
        return response

    def write_xlsx_response(self, queryset):
        data = xlsx_bytes(
            [(self.export_sheet_title(queryset), self.export_rows(queryset))]
        )
        return FileResponse(
            io.BytesIO(data),
            as_attachment=True,
            content_type=XLSX_TYPE,
            filename=f"{self.get_filename()}.xlsx",
        )

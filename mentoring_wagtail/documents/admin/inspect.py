"""The inspect page of official documents: what a person reads, not the row.

The lifecycle status comes first; Wagtail's bookkeeping (revision pointers,
lock flags, the extracted file text) stays out; yes/no, empty values, dates
and times read as Russian words and dates, never ``True``, ``None`` or a
timestamp with microseconds.
"""

from django.utils.translation import gettext_lazy as _

from ...access.admin.guarded import GuardedInspectView
from ...admin_values import HumaneInspectMixin, humane_value

HIDDEN_FIELDS = {
    "id",
    "live",
    "has_unpublished_changes",
    "live_revision",
    "latest_revision",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
    "file_text",
    "year",
}


class OfficialDocumentInspectView(HumaneInspectMixin, GuardedInspectView):
    def get_fields(self):
        fields = [name for name in super().get_fields() if name not in HIDDEN_FIELDS]
        return ["lifecycle_label", *fields]

    def get_field_label(self, field_name, field):
        if field_name == "lifecycle_label":
            return str(_("status")).capitalize()
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        if field_name == "lifecycle_label":
            return humane_value(super().get_field_display_value(field_name, field))
        return super().get_field_display_value(field_name, field)

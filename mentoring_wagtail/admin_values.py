"""Values of a record as a Russian reader reads them in the admin.

Wagtail's generic inspect views and listings print a field's Python value:
«True», «False», «None», «['student']». Schools read «да», «нет», «—» and the
choices' labels (issue 25). ``HumaneInspectMixin`` and ``HumaneIndexMixin``
put that in front of Wagtail's own views.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.admin.ui.tables import Column


def humane_value(value, field=None, labels=None):
    if value is True:
        return gettext("yes")
    if value is False:
        return gettext("no")
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "d.m.Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "d.m.Y")
    if isinstance(value, list | tuple):
        base = getattr(field, "base_field", None)
        labels = labels or dict(getattr(base, "choices", None) or ())
        return ", ".join(str(labels.get(item, item)) for item in value) or "—"
    return value


class YesNoColumn(Column):
    """«да»/«нет» in words (Wagtail's BooleanColumn titles its icons «True»)."""

    def get_value(self, instance):
        return humane_value(super().get_value(instance))


class HumaneInspectMixin:
    #: Labels of the codes a list field (a JSON list) holds, by field name.
    list_labels = {}

    def get_field_display_value(self, field_name, field):
        concrete = getattr(field, "concrete", False) and "__" not in field_name
        if concrete and getattr(self.object, field.attname, None) in (None, ""):
            return "—"  # an empty file field was shown as «None»
        value = super().get_field_display_value(field_name, field)
        labels = self.list_labels.get(field_name)
        return humane_value(value, field, dict(labels.choices) if labels else None)


class HumaneIndexMixin:
    def _get_custom_column(self, field_name, column_class=None, **kwargs):
        try:
            field = self.model._meta.get_field(field_name)
        except Exception:  # noqa: BLE001 - a property or a lookup
            field = None
        if isinstance(field, models.BooleanField):
            column_class = YesNoColumn
        if column_class is None:
            return super()._get_custom_column(field_name, **kwargs)
        return super()._get_custom_column(field_name, column_class, **kwargs)

"""Listing filters and export safety of the official records' admin."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..lifecycle import (
    LIFECYCLE_CHOICES,
    filter_by_lifecycle,
)

# Spreadsheet programs run a cell starting with one of these as a formula
# (OWASP «CSV injection»); such values are exported with a leading apostrophe.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# Forms -------------------------------------------------------------------


def year_choices(model):
    def choices():
        years = (
            model.objects.order_by("-year").values_list("year", flat=True).distinct()
        )
        return [(year, str(year)) for year in years]

    return choices


class StatusFilter(django_filters.ChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", LIFECYCLE_CHOICES)
        kwargs.setdefault("label", _("status"))
        super().__init__(*args, method="filter_status", **kwargs)


def make_filterset(model, kind_choices=None):
    attrs = {
        "year": django_filters.ChoiceFilter(
            label=_("year"), choices=year_choices(model), field_name="year"
        ),
        "status": StatusFilter(),
        "filter_status": lambda self, queryset, name, value: filter_by_lifecycle(
            queryset, value
        ),
        "Meta": type("Meta", (), {"model": model, "fields": []}),
    }
    if kind_choices:
        attrs["kind"] = django_filters.ChoiceFilter(
            label=_("kind"), choices=kind_choices, field_name="kind"
        )
    return type(f"{model.__name__}FilterSet", (WagtailFilterSet,), attrs)


# Views -------------------------------------------------------------------

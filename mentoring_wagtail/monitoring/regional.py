"""The regional coordinator's table: every school's indicators side by side.

Aggregates only: a figure with fewer people behind it than the minimum group
size (``MENTORING_WAGTAIL_MIN_GROUP_SIZE``, 5 by default) is withheld, as on
the public «Показатели» page. Nothing here names a person, reads an answer or
a link: the figures come from ``compute_indicators_of_sites``, in the same
queries for one school or fifty.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.models import Site

from mentoring_wagtail.access.site_roles import sites_with_sections

from .choices import COUNT_LABELS, INDICATOR_LABELS
from .indicators import compute_indicators_of_sites, min_group_size
from .models import MonitoringYear
from .scope import sites_for
from .years import validate_academic_year


@dataclass
class Cell:
    text: str
    withheld: bool = False


def region_sites(user, permission):
    """The schools the coordinator's right covers: every site with a
    «Наставничество» section or a monitoring year."""
    ids = {site.pk for site in sites_with_sections()}
    ids |= set(MonitoringYear.objects.values_list("site_id", flat=True))
    allowed = sites_for(user, permission)
    if allowed is not None:
        ids &= set(allowed)
    return list(Site.objects.filter(pk__in=ids).order_by("site_name", "hostname"))


def region_years(sites):
    return list(
        MonitoringYear.objects.filter(site__in=sites)
        .order_by("-academic_year")
        .values_list("academic_year", flat=True)
        .distinct()
    )


def chosen_year(value, years):
    """``(academic year, error message or None)``."""
    if not value:
        return (years[0] if years else None), None
    try:
        validate_academic_year(value)
    except ValidationError as error:
        return (years[0] if years else None), error.messages[0]
    return value, None


def _withheld(threshold):
    return Cell(_("fewer than %(n)s") % {"n": threshold}, withheld=True)


def indicator_cell(indicator, threshold):
    if indicator.percent is None:
        return Cell("—")
    if not indicator.is_shown_publicly(threshold):
        return _withheld(threshold)
    return Cell(indicator.text)


def count_cell(value, threshold):
    if 0 < value < threshold:
        return _withheld(threshold)
    return Cell(str(value))


def regional_table(sites, academic_year):
    """``[(label, [Cell per site])]``: the indicators, then the counts."""
    threshold = min_group_size()
    by_site = compute_indicators_of_sites(sites, [academic_year])
    per_site = [by_site[site.pk][academic_year] for site in sites]
    rows = [
        (label, [indicator_cell(year.indicators[code], threshold) for year in per_site])
        for code, label in INDICATOR_LABELS.items()
    ]
    rows += [
        (label, [count_cell(year.counts[code], threshold) for year in per_site])
        for code, label in COUNT_LABELS.items()
    ]
    return rows


def table_sheet(sites, rows):
    header = [_("Indicator"), *[site.site_name or site.hostname for site in sites]]
    return [header, *[[str(label), *[c.text for c in cells]] for label, cells in rows]]

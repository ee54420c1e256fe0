"""The «Показатели» page's charts: per indicator, one row a year, each figure
beside its target.

Plain HTML: the year, the value and «цель 30 %» are text a screen reader
reads as one sentence; the bar and the target marker are a small decorative
SVG whose geometry is in attributes (a strict Content-Security-Policy refuses
``style="width: …"``). Percentages in attributes scale the bar with the row
at any width; the numbers are formatted here, not by the template, so a
locale's decimal comma never reaches an SVG attribute.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .choices import INDICATOR_LABELS
from .indicators import compute_indicators, min_group_size, years_to_show


def _clamped(value):
    return min(max(Decimal(value), Decimal(0)), Decimal(100))


def _svg_percent(value):
    # "30%", "12.5%": a dot whatever the locale.
    return f"{_clamped(value).normalize():f}%"


@dataclass
class ChartRow:
    year: str
    shown: bool
    percent: int | None
    text: str
    target: Decimal | None

    @property
    def value_text(self):
        """«10 %», or why there is no figure."""
        return f"{self.percent} %" if self.shown else self.text

    @property
    def target_text(self):
        """«30» or «12,5» (the locale's comma), or None without a target."""
        if self.target is None:
            return None
        return number_format(Decimal(self.target).normalize(), use_l10n=True)

    @property
    def has_bar(self):
        return self.shown and self.percent is not None and self.percent > 0

    @property
    def bar_width(self):
        return _svg_percent(self.percent)

    @property
    def target_x(self):
        return _svg_percent(self.target)


@dataclass
class Chart:
    code: str
    label: str
    rows: list


def public_charts(site, count):
    """Charts for the page; a figure with too few people behind it is withheld."""
    if site is None:
        return []
    years = years_to_show(site, count)
    by_year = compute_indicators(site, years)
    threshold = min_group_size()
    charts = []
    for code, label in INDICATOR_LABELS.items():
        rows = []
        for year in years:
            indicator = by_year[year].indicators[code]
            shown = indicator.is_shown_publicly(threshold)
            rows.append(
                ChartRow(
                    year=year,
                    shown=shown,
                    percent=indicator.percent if shown else None,
                    text=indicator.text
                    if shown
                    else _("not shown: fewer than %(n)s people") % {"n": threshold},
                    target=indicator.target,
                )
            )
        charts.append(Chart(code, str(label), rows))
    return charts

"""Server-rendered SVG bar charts: one per indicator, years side by side.

No JavaScript: each chart is an ``<svg role="img">`` with a ``<title>`` and a
``<desc>``, and the page prints the same figures as a table beside it.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .choices import INDICATOR_LABELS
from .indicators import compute_indicators, min_group_size, years_to_show

WIDTH, HEIGHT = 360, 200
TOP, BOTTOM, LEFT = 20, 30, 36


@dataclass
class ChartRow:
    year: str
    shown: bool
    percent: int | None
    text: str
    target: object


@dataclass
class Chart:
    code: str
    label: str
    rows: list

    def svg(self):
        return render_svg(self)


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


def render_svg(chart):
    rows = chart.rows
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT) / max(len(rows), 1)
    bar_width = slot * 0.5

    def y(value):
        return f"{TOP + plot_height * (1 - min(float(value), 100) / 100):.1f}"

    def n(value):
        return f"{value:.1f}"

    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>',
            LEFT,
            y(0),
            WIDTH,
            y(0),
        ),
        format_html(
            '<text x="0" y="{}" class="tick">100 %</text>', n(float(y(100)) + 4)
        ),
        format_html('<text x="0" y="{}" class="tick">0 %</text>', n(float(y(0)) + 4)),
    ]
    for index, row in enumerate(rows):
        x = LEFT + slot * index + (slot - bar_width) / 2
        centre = x + bar_width / 2
        if row.shown:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="bar"/>'
                    '<text x="{}" y="{}" text-anchor="middle" class="value">'
                    "{} %</text>",
                    n(x),
                    y(row.percent),
                    n(bar_width),
                    n(float(y(0)) - float(y(row.percent))),
                    n(centre),
                    n(float(y(row.percent)) - 4),
                    row.percent,
                )
            )
        else:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" class="value">—</text>',
                    n(centre),
                    n(float(y(0)) - 4),
                )
            )
        if row.target is not None:
            parts.append(
                format_html(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" class="target"/>',
                    n(x - 4),
                    y(row.target),
                    n(x + bar_width + 4),
                    y(row.target),
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" class="year">{}</text>',
                n(centre),
                HEIGHT - 8,
                row.year,
            )
        )
    description = "; ".join(f"{row.year}: {row.text}" for row in rows)
    title_id = f"chart-{chart.code}-title"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {} {}" '
        'width="{}" height="{}" aria-labelledby="{} {}-desc" class="mentoring-chart">'
        '<title id="{}">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        title_id,
        f"chart-{chart.code}",
        title_id,
        chart.label,
        f"chart-{chart.code}",
        description,
        format_html_join("", "{}", ((mark_safe(part),) for part in parts)),  # noqa: S308 - built by format_html above
    )

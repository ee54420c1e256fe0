"""The «Показатели» charts as a parent sees them: each figure against its
target at a glance, on a 375 px phone, at 1366 px, printed and in the version
for the visually impaired, measured in headless Chromium.

One browser page, two loads (the standard and the low-vision version); the
widths and print are switched on the loaded page. Screenshots go to
``tests/_screenshots/charts/`` for a person to look at.
"""

import re
from pathlib import Path

import pytest
from django.utils.translation import gettext, override

from mentoring_wagtail.monitoring.models import IndicatorsPage, MonitoringYear
from tests.browser_csp import CSP, RECORD_VIOLATIONS

from .support import YEAR, make_group, make_mentee, make_mentor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "tests" / "_screenshots" / "charts"
MIN_BAR_PX = 6
# The mentees' chart: 0 % against 20 %, 10 % against 30 %; the mentors': the
# bar past its target (20 % against 10 %); a withheld year with a 100 % target.
TEN_PERCENT_ROW = "#chart-mentees_10_19 li:nth-child(3)"
PAST_TARGET_ROW = "#chart-mentors_15_19 li:nth-child(3)"


@pytest.fixture
def indicators_url(mentoring_section):
    site = mentoring_section.get_site()
    for year, students, target in (
        ("2020/2021", 3, 100),
        ("2021/2022", 10, 20),
        (YEAR, 10, 30),
    ):
        MonitoringYear.objects.create(
            site=site,
            academic_year=year,
            students_10_19=students,
            students_15_19=5,
            target_mentees_10_19=target,
            target_mentors_15_19=10,
        )
    make_group(
        site,
        make_mentor(site, "student", 1, 2006),
        [make_mentee(site, "student", 1, 2010)],
        "student-student",
    )
    page = IndicatorsPage(title="Показатели наставничества", slug="pokazateli")
    mentoring_section.add_child(instance=page)
    page.save_revision().publish()
    return page.url


# Every text label of the charts, and every drawn track: boxes that must not
# overlap. The target's label is the visible «цель 30 %» beside the figure.
MEASURE = """() => {
    const box = el => { const r = el.getBoundingClientRect();
        return {x: r.x, y: r.y, w: r.width, h: r.height, text: el.textContent.trim()}; };
    const labels = [...document.querySelectorAll(
        '.mentoring-chart__year, .mentoring-chart__value, .mentoring-chart__goal,'
        + ' .mentoring-chart__scale span, .mentoring__indicator h2')].map(box);
    const tracks = [...document.querySelectorAll('.mentoring-chart__range')].map(box);
    const row = document.querySelector(arguments_row);
    const past = document.querySelector(arguments_past);
    const colour = (el, property) => getComputedStyle(el)[property];
    return {
        labels, tracks,
        fill: box(row.querySelector('.mentoring-chart__fill')),
        range: box(row.querySelector('.mentoring-chart__range')),
        value: box(row.querySelector('.mentoring-chart__value')),
        goal: box(row.querySelector('.mentoring-chart__goal')),
        line: box(row.querySelector('.mentoring-chart__bar .mentoring-chart__target')),
        marker: box(row.querySelector('.mentoring-chart__bar .mentoring-chart__marker')),
        pastLine: box(past.querySelector('.mentoring-chart__bar .mentoring-chart__target')),
        pastFill: box(past.querySelector('.mentoring-chart__fill')),
        fillColour: colour(row.querySelector('.mentoring-chart__fill'), 'fill'),
        lineColour: colour(row.querySelector('.mentoring-chart__bar .mentoring-chart__target'), 'stroke'),
        haloColour: colour(row.querySelector('.mentoring-chart__halo'), 'stroke'),
        spoken: [...row.childNodes].map(function read(node) {
            if (node.nodeType === 3) return node.textContent;
            if (node.nodeType !== 1 || node.getAttribute('aria-hidden') === 'true') return '';
            return [...node.childNodes].map(read).join('');
        }).join('').replace(/\\s+/g, ' ').trim(),
        scrollWidth: document.documentElement.scrollWidth,
    };
}""".replace("arguments_row", repr(TEN_PERCENT_ROW)).replace(
    "arguments_past", repr(PAST_TARGET_ROW)
)


def _rgb(css):
    return [int(part) for part in re.findall(r"\d+", css)[:3]]


def _contrast(first, second):
    def luminance(rgb):
        channels = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in (value / 255 for value in rgb)
        ]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(_rgb(first)), luminance(_rgb(second))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _overlap(a, b):
    return (
        min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"]) > 0.5
        and min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"]) > 0.5
    )


def _check_reads_at_a_glance(page, mode, spoken):
    m = page.evaluate(MEASURE)
    # A 10 % bar is a bar: its share of the track, never under 6 px.
    assert m["fill"]["w"] >= max(MIN_BAR_PX, m["range"]["w"] * 0.1 - 1), mode
    assert m["fill"]["h"] >= 10, mode
    # Its figure is printed beside it, and the target has its own label.
    assert m["value"]["text"] == "10 %" and m["value"]["w"] > 0, mode
    assert "30" in m["goal"]["text"] and m["goal"]["w"] > 0, mode
    # The target: a line standing out of the track, at 30 % of it, a marker
    # above, black with a white edge that stands out on the bar.
    assert m["line"]["h"] > m["range"]["h"] and m["marker"]["w"] >= 8, mode
    at = m["range"]["x"] + m["range"]["w"] * 0.3
    assert abs(m["line"]["x"] + m["line"]["w"] / 2 - at) <= 2, mode
    assert m["marker"]["y"] + m["marker"]["h"] <= m["range"]["y"] + 1, mode
    assert _contrast(m["haloColour"], m["fillColour"]) >= 3, mode
    assert _contrast(m["lineColour"], m["haloColour"]) >= 7, mode
    assert m["pastLine"]["x"] < m["pastFill"]["x"] + m["pastFill"]["w"], mode
    # No text label on another, none on a track; no sideways scrolling.
    labels = [box for box in m["labels"] if box["w"] and box["h"]]
    clashes = [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :] + m["tracks"]
        if _overlap(a, b)
    ]
    assert clashes == [], mode
    assert m["scrollWidth"] <= page.viewport_size["width"], mode
    # A screen reader reads the row as one sentence.
    assert m["spoken"] == spoken, mode


def _axe(page, source, mode):
    # Evaluated rather than added as a <script>: the page's policy refuses
    # inline scripts, and the test must not loosen it.
    page.evaluate(source)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    assert [
        f"{v['id']}: {v['help']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ] == [], mode


def test_each_figure_reads_against_its_target_in_every_version(
    browser_page, live_server, indicators_url, settings
):
    if not AXE.exists():
        pytest.skip(
            "axe-core is not installed (npm install --prefix .cache/axe axe-core@4)"
        )
    source = AXE.read_text()
    settings.MENTORING_TEST_CSP = CSP
    with override("ru"):
        spoken = "2022/2023: 10 % " + gettext("against a target of %(value)s %%") % {
            "value": "30"
        }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    page.add_init_script(RECORD_VIOLATIONS)
    url = live_server.url + indicators_url

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(url)
    for mode, width, media in (
        ("1366", 1366, "screen"),
        ("375", 375, "screen"),
        ("print", 720, "print"),
    ):
        page.emulate_media(media=media)
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(
            path=str(SCREENSHOTS / f"indicators-{mode}.png"), full_page=True
        )
        _check_reads_at_a_glance(page, mode, spoken)
    _axe(page, source, "print")
    page.emulate_media(media="screen")
    _axe(page, source, "standard")
    assert page.evaluate("() => window.__violations") == []

    page.goto(url + "?mentoring-low-vision=1")
    assert page.locator("main.mentoring--low-vision").count() == 1
    for mode, width in (("low-vision-375", 375), ("low-vision-1366", 1366)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(
            path=str(SCREENSHOTS / f"indicators-{mode}.png"), full_page=True
        )
        _check_reads_at_a_glance(page, mode, spoken)
    _axe(page, source, "low vision")
    assert page.evaluate("() => window.__violations") == []

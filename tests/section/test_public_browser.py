"""Every public page type in headless Chromium: axe-core, keyboard alone, a
375 px phone, screenshots, and a strict Content-Security-Policy.

The page types come from ``public_pages.public_targets()``, so a new public
page type is checked here as soon as it registers a sample factory.

One test per page type runs every check (``CHECKS``), each in a fresh browser
context on a fresh load of the page, as six tests did before: a live-server
test empties the database after it (a flush, then the content types and
permissions made anew), and 78 of them cost minutes. Every check runs and
every failure is reported, not only the first.
"""

import os
from pathlib import Path

import pytest

from tests.browser_csp import enforce_strict_csp, violations
from tests.conftest import fresh_page
from tests.section.public_pages import build, public_targets, target_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "tests" / "_screenshots"
TARGETS = pytest.mark.parametrize("target", public_targets(), ids=target_id)
AXE_MISSING = "axe-core is not installed (npm install --prefix .cache/axe axe-core@4)"


class Visit:
    """The sample of one page type, built once, opened in a given page."""

    def __init__(self, live_server, target, axe_source):
        self.url, self.text = build(target)
        self.address = live_server.url + self.url
        self.target = target
        self.axe_source = axe_source

    def __call__(self, page, width=1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(self.address)
        assert self.text in page.locator("main.mentoring").inner_text()
        return page


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{AXE} is missing; scripts/test installs it")
        return None
    return AXE.read_text()


def axe_finds_no_serious_or_critical_violation(page, visit):
    if visit.axe_source is None:
        return AXE_MISSING
    page = visit(page)
    page.add_script_tag(content=visit.axe_source)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    # color-contrast ran (text at least 4.5:1) rather than being inapplicable.
    assert not [v for v in result["violations"] if v["id"] == "color-contrast"]


def tables_have_headers_and_captions_and_charts_a_text(page, visit):
    page = visit(page)
    tables = page.evaluate(
        """() => [...document.querySelectorAll('main.mentoring table')].map(t => ({
            caption: (t.caption && t.caption.textContent.trim()) || '',
            headers: t.querySelectorAll('th').length}))"""
    )
    for table in tables:
        assert table["caption"] and table["headers"]
    # A chart says its figures; a drawing hidden beside its own text needs none.
    charts = page.evaluate(
        """() => [...document.querySelectorAll('main.mentoring progress, main.mentoring meter, main.mentoring canvas, main.mentoring svg:not([aria-hidden="true"])')]
            .map(c => (c.labels && c.labels.length && c.labels[0].textContent.trim())
                || c.getAttribute('aria-label') || c.textContent.trim())"""
    )
    assert all(charts)


def keyboard_reaches_every_link_and_control_with_visible_focus(page, visit):
    page = visit(page)
    # Tab stops once in a group of radio buttons (the arrows move within it).
    wanted = page.evaluate(
        """() => { const radios = new Set(); return [...document.querySelectorAll(
            'main.mentoring a[href], main.mentoring input, main.mentoring select, main.mentoring textarea, main.mentoring button')]
            .filter(el => el.offsetParent !== null)
            .filter(el => el.type !== 'radio' || (!radios.has(el.name) && radios.add(el.name)))
            .length; }"""
    )
    page.evaluate(
        """() => { window.__reached = new Set(); window.__unmarked = [];
        document.addEventListener('focusin', e => {
            const el = e.target;
            if (!el.closest('main.mentoring')) return;
            window.__reached.add(el);
            const style = getComputedStyle(el);
            const marked = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                || style.boxShadow !== 'none';
            if (!marked) window.__unmarked.push(el.outerHTML.slice(0, 80));
        }); }"""
    )
    page.locator("body").focus()
    for _ in range(wanted + 20):
        page.keyboard.press("Tab")
    reached = page.evaluate("() => window.__reached.size")
    assert reached == wanted
    assert page.evaluate("() => window.__unmarked") == []


def no_sideways_scrolling_on_a_phone_and_screenshots(page, visit):
    SCREENSHOTS.mkdir(exist_ok=True)
    name = target_id(visit.target).replace(":", "-").replace(".", "-")
    page = visit(page, width=1366)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-1366.png"), full_page=True)
    page = visit(page, width=375)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-375.png"), full_page=True)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375


def strict_content_security_policy_is_never_violated(page, visit):
    enforce_strict_csp(page)
    page.goto(visit.address)
    assert visit.text in page.locator("main.mentoring").inner_text()
    # The stylesheets applied under the policy: the package's CSS is in effect.
    assert page.evaluate(
        "() => getComputedStyle(document.querySelector('main.mentoring')).maxWidth"
    ) not in ("", "none")
    page.wait_for_timeout(200)  # violation events are dispatched asynchronously
    assert violations(page) == []


def print_leaves_out_navigation_and_keeps_tables_whole(page, visit):
    page = visit(page)
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => [...document.querySelectorAll(
            'header, footer, .mentoring__low-vision-switch, main.mentoring form, .registry__pages')]
            .filter(el => getComputedStyle(el).display !== 'none').map(el => el.className || el.tagName)"""
    )
    assert hidden == []
    cut = page.evaluate(
        """() => [...document.querySelectorAll('main.mentoring table')]
            .filter(t => t.scrollWidth > t.parentElement.clientWidth + 1
                || getComputedStyle(t.parentElement).overflowX === 'auto')
            .map(t => t.className)"""
    )
    assert cut == []


CHECKS = (
    axe_finds_no_serious_or_critical_violation,
    tables_have_headers_and_captions_and_charts_a_text,
    keyboard_reaches_every_link_and_control_with_visible_focus,
    no_sideways_scrolling_on_a_phone_and_screenshots,
    strict_content_security_policy_is_never_violated,
    print_leaves_out_navigation_and_keeps_tables_whole,
)


@TARGETS
def test_every_check_in_chromium(chromium, live_server, axe_source, target):
    visit = Visit(live_server, target, axe_source)
    failures, skipped = [], []
    for check in CHECKS:
        with fresh_page(chromium) as page:
            try:
                reason = check(page, visit)
            except AssertionError as error:
                failures.append(f"{check.__name__}: {error}")
            else:
                if reason:
                    skipped.append(f"{check.__name__}: {reason}")
    assert not failures, "\n\n".join(failures)
    if skipped:
        pytest.skip("; ".join(skipped))

"""Every public page type in headless Chromium: axe-core, keyboard alone, a
375 px phone, screenshots, and a strict Content-Security-Policy.

The page types come from ``public_pages.public_targets()``, so a new public
page type is checked here as soon as it registers a sample factory.
"""

import os
from pathlib import Path

import pytest

from tests.browser_csp import enforce_strict_csp, violations
from tests.section.public_pages import build, public_targets, target_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "tests" / "_screenshots"
TARGETS = pytest.mark.parametrize("target", public_targets(), ids=target_id)


@pytest.fixture
def visit(browser_page, live_server):
    def go(target, width=1366):
        url, text = build(target)
        browser_page.set_viewport_size({"width": width, "height": 900})
        browser_page.goto(live_server.url + url)
        assert text in browser_page.locator("main.mentoring").inner_text()
        return browser_page

    return go


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{AXE} is missing; scripts/test installs it")
        pytest.skip(
            "axe-core is not installed (npm install --prefix .cache/axe axe-core@4)"
        )
    return AXE.read_text()


@TARGETS
def test_axe_finds_no_serious_or_critical_violation(visit, axe_source, target):
    page = visit(target)
    page.add_script_tag(content=axe_source)
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


@TARGETS
def test_tables_have_headers_and_captions_and_charts_a_text(visit, target):
    page = visit(target)
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


@TARGETS
def test_keyboard_reaches_every_link_and_control_with_visible_focus(visit, target):
    page = visit(target)
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


@TARGETS
def test_no_sideways_scrolling_on_a_phone_and_screenshots(visit, target):
    SCREENSHOTS.mkdir(exist_ok=True)
    name = target_id(target).replace(":", "-").replace(".", "-")
    page = visit(target, width=1366)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-1366.png"), full_page=True)
    page = visit(target, width=375)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-375.png"), full_page=True)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375


@TARGETS
def test_strict_content_security_policy_is_never_violated(
    browser_page, live_server, target
):
    url, text = build(target)
    page = browser_page
    enforce_strict_csp(page)
    page.goto(live_server.url + url)
    assert text in page.locator("main.mentoring").inner_text()
    # The stylesheets applied under the policy: the package's CSS is in effect.
    assert page.evaluate(
        "() => getComputedStyle(document.querySelector('main.mentoring')).maxWidth"
    ) not in ("", "none")
    page.wait_for_timeout(200)  # violation events are dispatched asynchronously
    assert violations(page) == []


@TARGETS
def test_print_leaves_out_navigation_and_keeps_tables_whole(visit, target):
    page = visit(target)
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

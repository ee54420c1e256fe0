"""The signature mark in Chromium: keyboard focus, pointer, screen-reader text,
axe-core, and a strict Content-Security-Policy (no script needed)."""

import re

import pytest

from tests.browser_csp import enforce_strict_csp, violations
from tests.section.test_public_browser import AXE

from ..documents_support import make_order, make_site_tree
from .support import signed_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARK = "Документ подписан простой электронной подписью"


@pytest.fixture
def listing(browser_page, live_server):
    site, _section, registry = make_site_tree()
    _order, signature = signed_order(site)
    make_order(site, number="2-ОД", title="Без подписи", publish=True)
    page = browser_page
    enforce_strict_csp(page)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + registry.url)
    return page, signature


def tooltip_width(page):
    return page.evaluate(
        "() => document.querySelector('.signature-mark__text').getBoundingClientRect().width"
    )


def test_keyboard_focus_shows_the_same_text_screen_readers_get(listing):
    page, signature = listing
    link = page.get_by_role("link", name=re.compile(MARK))
    assert link.count() == 1  # the accessible name carries the whole text
    name = link.get_attribute("href")
    assert name.endswith(f"signature/{signature.key}/")
    assert tooltip_width(page) <= 1  # hidden until pointed at or focused
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(
            "() => document.activeElement.classList.contains('signature-mark__link')"
        ):
            break
    else:
        pytest.fail("the mark is not reachable with the keyboard")
    assert tooltip_width(page) > 100
    shown = page.locator(".signature-mark__text").inner_text()
    for part in (MARK, "Анна Вишнякова", "Директор", signature.key):
        assert part in shown
    page.wait_for_timeout(200)
    assert violations(page) == []


def test_pointing_shows_the_text(listing):
    page, _signature = listing
    page.locator(".signature-mark__icon").hover()
    assert tooltip_width(page) > 100


def test_axe_finds_no_serious_violation_on_the_mark(listing):
    if not AXE.exists():
        pytest.skip(
            "axe-core is not installed (npm install --prefix .cache/axe axe-core@4)"
        )
    page, _signature = listing
    page.unroute("**/*")  # axe is injected inline: load the page without the policy
    page.reload()
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']}: {v['help']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []

"""The signature mark of a roadmap page in Chromium: keyboard focus, the text
screen readers get, axe-core, under a strict Content-Security-Policy."""

import re

import pytest

from tests.browser_csp import enforce_strict_csp, violations
from tests.section.test_public_browser import AXE

from ..documents_support import make_site_tree
from .page_support import approve_through_route, draft_roadmap, route_users

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARK = "Документ подписан простой электронной подписью"


@pytest.fixture
def roadmap_page(browser_page, live_server):
    from mentoring_wagtail.signatures.models import Signature

    _site, section, registry = make_site_tree()
    roadmap = approve_through_route(draft_roadmap(section), route_users())
    signature = Signature.objects.for_object(roadmap).get()
    page = browser_page
    enforce_strict_csp(page)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + roadmap.url)
    return page, signature, registry, live_server


def tooltip_width(page):
    return page.evaluate(
        "() => document.querySelector('.signature-mark__text')"
        ".getBoundingClientRect().width"
    )


def test_keyboard_focus_shows_what_screen_readers_read(roadmap_page):
    page, signature, registry, _server = roadmap_page
    link = page.get_by_role("link", name=re.compile(MARK))
    assert link.count() == 1  # the accessible name carries the whole text
    assert link.get_attribute("href") == f"{registry.url}signature/{signature.key}/"
    assert tooltip_width(page) <= 1
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
    page.keyboard.press("Enter")  # the check opens, no script involved
    page.wait_for_url(re.compile(f"signature/{signature.key}/$"))
    assert "Подпись действительна" in page.locator("main, body").first.inner_text()
    assert violations(page) == []


def test_axe_finds_no_serious_violation_on_the_roadmap_mark(roadmap_page):
    if not AXE.exists():
        pytest.skip(
            "axe-core is not installed (npm install --prefix .cache/axe axe-core@4)"
        )
    page, _signature, _registry, _server = roadmap_page
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

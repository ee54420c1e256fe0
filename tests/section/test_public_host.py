"""Every public page type fits the host site: the example site's base and a
second, differently built host template; meta tags for sharing; the switch
for the visually impaired; the package's CSS optional."""

import re

import pytest

from tests.module_state import module_db_state, start_from
from tests.section.public_pages import build, public_targets, target_id

pytestmark = pytest.mark.django_db

TARGETS = pytest.mark.parametrize("target", public_targets(), ids=target_id)
PORTAL = "portal/mentoring_base.html"


class Samples(dict):
    """``{target: (url path, expected text)}``; a target without a sample
    factory fails each test that asks for it, as ``build`` did in the test."""

    def __getitem__(self, target):
        sample = super().__getitem__(target)
        if isinstance(sample, pytest.fail.Exception):
            pytest.fail(sample.msg)
        return sample


def build_every_target():
    """A published sample of every public page type, built once for the module."""
    samples = Samples()
    for target in public_targets():
        try:
            samples[target] = build(target)
        except pytest.fail.Exception as missing:
            samples[target] = missing
    return samples


# Built once for the module; each test starts from it (tests/module_state.py).
_built = module_db_state(build_every_target)


@pytest.fixture
def samples(_built, db, media_root):
    return start_from(_built, media_root)


def main_of(html):
    return html[html.index('<main class="mentoring') : html.index("</main>")]


@TARGETS
def test_page_renders_inside_the_example_sites_base(samples, client, target):
    url, text = samples[target]
    response = client.get(url)
    assert response.status_code == 200
    html = response.text
    assert text in main_of(html)
    assert "Демонстрационный сайт mentoring_wagtail" in html  # the site's footer
    assert 'class="skip-link"' in html
    assert "mentoring_wagtail/css/mentoring.css" in html


@TARGETS
def test_page_renders_inside_a_differently_built_host(
    samples, client, settings, target
):
    settings.MENTORING_WAGTAIL_BASE_TEMPLATE = PORTAL
    url, text = samples[target]
    html = client.get(url).text
    assert text in main_of(html)
    assert 'aria-label="Меню портала"' in html
    assert "© Гимназия № 2, портал" in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.strip().endswith("| Гимназия № 2") and len(title) > 20
    assert "Демонстрационный сайт" not in html
    head = html[: html.index("</head>")]
    assert "mentoring_wagtail/css/mentoring.css" in head
    assert 'property="og:title"' in head


@TARGETS
def test_css_can_be_left_out(samples, client, settings, target):
    settings.MENTORING_WAGTAIL_INCLUDE_CSS = False
    url, text = samples[target]
    html = client.get(url).text
    assert text in main_of(html)
    assert "mentoring_wagtail/css/" not in html


@TARGETS
def test_our_markup_has_no_inline_script_or_style(samples, client, target):
    url, _text = samples[target]
    main = main_of(client.get(url).text)
    assert "<script" not in main
    assert "<style" not in main
    assert not re.search(r"\sstyle=", main)
    assert not re.search(r"\son[a-z]+=", main)  # event handler attributes


@pytest.mark.parametrize(
    "target",
    [t for t in public_targets() if t[0] == "document"]
    + [("page", "mentoring_wagtail.RoadmapPage")],
    ids=target_id,
)
def test_documents_and_roadmaps_carry_open_graph_and_canonical(samples, client, target):
    url, text = samples[target]
    head = client.get(url).text.split("</head>")[0]
    og = dict(re.findall(r'<meta property="og:(\w+)" content="([^"]*)"', head))
    assert og["title"] == text
    assert og["description"].strip()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', head).group(1)
    assert canonical == og["url"]
    assert canonical.startswith("http") and canonical.endswith(url)


@TARGETS
def test_low_vision_switch_is_kept_across_pages_without_javascript(
    samples, client, target
):
    url, text = samples[target]
    html = client.get(url).text
    switch = re.search(
        r'<p class="mentoring__low-vision-switch"><a href="([^"]+)"', html
    ).group(1)
    assert "mentoring-low-vision" not in html.split("<body")[1].split(">")[0]
    response = client.get(switch.replace("&amp;", "&"))
    assert response.status_code == 302 and url.endswith(response["Location"])
    # Every other public page now comes in the version for the visually impaired.
    for other in public_targets():
        other_url, _ = samples[other]
        page = client.get(other_url).text
        assert 'class="mentoring-low-vision"' in page.split("<body")[1][:80] or (
            "mentoring-low-vision" in page.split("<body")[1].split(">")[0]
        )
        assert 'class="mentoring mentoring--low-vision"' in page
        assert "Обычная версия" in page
    off = re.search(
        r'<p class="mentoring__low-vision-switch"><a href="([^"]+)"',
        client.get(url).text,
    ).group(1)
    client.get(off.replace("&amp;", "&"))
    assert "mentoring--low-vision" not in client.get(url).text


@TARGETS
def test_sites_own_accessibility_version_hides_the_switch(
    samples, client, settings, target
):
    settings.MENTORING_WAGTAIL_OWN_ACCESSIBILITY_VERSION = True
    url, _text = samples[target]
    client.cookies["mentoring_low_vision"] = "1"
    html = client.get(url).text
    assert "mentoring__low-vision-switch" not in html
    assert "mentoring--low-vision" not in html

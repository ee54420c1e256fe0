"""The admin «Импорт из .docx» in a real browser (headless Chromium, Playwright)."""

import pytest

from mentoring_wagtail.models import RoadmapActivity, RoadmapPage
from tests.shared_samples import SAMPLES_DIR, require_samples

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def section(transactional_db):
    """The section under a default site, rebuilt if an earlier transactional
    test flushed the rows Wagtail's migrations create."""
    from django.conf import settings
    from home.models import HomePage
    from wagtail.models import Locale, Page, Site

    from mentoring_wagtail.models import MentoringIndexPage

    if not Site.objects.filter(is_default_site=True).exists():
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root")
        )
        home = root.add_child(instance=HomePage(title="Главная", slug="home"))
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )


SAMPLE = SAMPLES_DIR / "polytechnic-college-roadmap-2022.docx"


def test_curator_imports_a_word_roadmap_in_the_browser(
    browser_page, live_server, section, django_user_model, tmp_path
):
    django_user_model.objects.create_superuser(
        "curator", "c@example.com", "secret-pass"
    )
    require_samples()
    source = SAMPLE
    page = browser_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "curator")
    page.fill("input[name=password]", "secret-pass")
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").first.click()

    # The section's page listing offers the import in its «More» menu.
    page.goto(live_server.url + f"/admin/pages/{section.pk}/")
    page.locator("header [data-w-dropdown-target=toggle]").first.click()
    import_link = page.locator(
        f"a[href='/admin/mentoring/roadmaps/import/?parent={section.pk}']"
    )
    with page.expect_navigation():
        import_link.click()

    page.select_option("select[name=parent]", str(section.pk))
    page.set_input_files("input[name=file]", str(source))
    with page.expect_navigation():
        page.locator("form.roadmap-import-form button[type=submit]").click()
    # What was read is shown first; nothing is saved until confirmed.
    page.locator(".roadmap-import-preview").wait_for()
    assert not RoadmapPage.objects.exists()
    assert (
        page.locator(
            ".roadmap-preview-activities tbody tr:not(.roadmap-preview-stage)"
        ).count()
        == 44
    )
    with page.expect_navigation():
        page.locator("form.roadmap-import-confirm button[type=submit]").click()
    page.locator(".roadmap-import-summary").wait_for()

    roadmap = RoadmapPage.objects.get()
    assert not roadmap.live
    expected = 44
    assert RoadmapActivity.objects.filter(page=roadmap).count() == expected
    summary = page.locator(".roadmap-import-summary").inner_text()
    assert str(expected) in summary

    with page.expect_navigation():
        page.locator(
            f".roadmap-import-summary a[href$='/admin/pages/{roadmap.pk}/edit/']"
        ).click()
    assert f"/admin/pages/{roadmap.pk}/edit/" in page.url
    page.locator("#id_title").wait_for()
    assert page.locator("#id_title").input_value() == roadmap.title
    assert page.locator(".roadmap-progress-panel").count() == 1


def test_bad_file_shows_the_reason_in_the_browser(
    browser_page, live_server, section, django_user_model, tmp_path
):
    django_user_model.objects.create_superuser(
        "curator", "c@example.com", "secret-pass"
    )
    bad = tmp_path / "timetable.docx"
    from tests import roadmap_docx

    bad.write_bytes(roadmap_docx.timetable())
    page = browser_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "curator")
    page.fill("input[name=password]", "secret-pass")
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.goto(
        live_server.url + f"/admin/mentoring/roadmaps/import/?parent={section.pk}"
    )
    page.set_input_files("input[name=file]", str(bad))
    with page.expect_navigation():
        page.locator("form.roadmap-import-form button[type=submit]").click()
    assert "roadmap" in page.content().lower() or "дорожн" in page.content().lower()
    assert page.locator(".error-message, .w-field__errors").count() >= 1
    assert not RoadmapPage.objects.exists()

"""One school year of the mentoring programme, told by each of its people in a
real browser (headless Chromium), each starting from the login page.

The secretary registers the order approving the roadmap and uploads its signed
scan; the curator reviews the order, imports the roadmap from Word, marks what
was done in the execution report and submits it; the director signs the
order; the methodist and then the director approve the roadmap; a visitor
finds both through the «Наставничество» section and the registry's search.
"""

import re

import pytest
from demo.simple_pdf import simple_pdf
from django.conf import settings

from mentoring_wagtail.models import DocumentRegistryPage, RoadmapPage

from .support import (
    approve,
    approve_from_dashboard,
    click_and_wait,
    footer_action,
    log_in,
    messages,
    open_menu,
    school_staff,
    upload_through_chooser,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROADMAP_DOCX = settings.BASE_DIR.parent / "fixtures" / "demo-roadmap.docx"
ROADMAP_TITLE = "Дорожная карта реализации целевой модели наставничества"
ORDER_TITLE = "Об утверждении дорожной карты реализации целевой модели наставничества"
ORDER_NUMBER = "21-ОД"


@pytest.fixture
def school(live_server, mentoring_section, settings):
    # The live server's request threads share one in-memory SQLite connection:
    # a background autosave landing during the user's own request failed now
    # and then with «database table is locked». Autosave has its own browser
    # test (tests/documents/test_journal_autosave_browser.py).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    mentoring_section.add_child(
        instance=DocumentRegistryPage(title="Документы", slug="documents")
    )
    return school_staff("secretary", "curator", "methodologist", "director")


def order_row(page):
    return page.locator("tbody tr", has_text=ORDER_TITLE)


def secretary_registers_the_order(page, url, scan):
    log_in(page, url, "secretary")
    open_menu(page, "Наставничество", "Приказы")
    click_and_wait(page.get_by_role("link", name=re.compile("Добавить")).first)
    page.fill("#id_title", ORDER_TITLE)
    page.fill("#id_number", ORDER_NUMBER)
    page.fill("#id_date", "2024-08-30")
    page.select_option("#id_kind", "implementation")
    upload_through_chooser(page, "signed_scan", scan, "Скан приказа 21-ОД")
    footer_action(page, re.compile("согласовани", re.I))
    assert "создан и отправлен на модерацию" in messages(page)
    row = order_row(page).inner_text()
    assert ORDER_NUMBER in row and "На согласовании: Проверка куратором" in row


def curator_reviews_the_order(page, url):
    log_in(page, url, "curator")
    # The dashboard lists what waits for the curator's review.
    approve_from_dashboard(page, ORDER_TITLE)
    assert "одобрено на этапе «Проверка куратором»" in messages(page)


def curator_imports_the_roadmap(page, url):
    log_in(page, url, "curator")
    open_menu(page, "Наставничество", "Импорт дорожной карты из .docx")
    page.set_input_files("input[type='file'][name='file']", str(ROADMAP_DOCX))
    click_and_wait(page.get_by_role("button", name="Прочитать файл"))
    # What was read is shown first; the draft is made on the curator's word.
    click_and_wait(page.get_by_role("button", name="Создать черновик страницы"))
    summary = page.locator(".roadmap-import-summary").inner_text()
    assert f"Создан черновик страницы «{ROADMAP_TITLE}" in summary
    assert "2024/2025" in summary
    click_and_wait(page.get_by_role("link", name="Редактировать черновик"))
    assert page.locator("#id_title").input_value().startswith(ROADMAP_TITLE)


def curator_reports_and_submits(page):
    """Marks two open activities done; returns (done, total) as reported."""
    # From the page editor's header to the execution report.
    page.get_by_role("button", name=re.compile("Действия|Ещё|Больше")).first.click()
    click_and_wait(page.get_by_role("link", name="Отчёт об исполнении").first)
    total = page.locator("tr.roadmap-report__row").count()
    # The order the secretary registered is offered as evidence of 1.1.
    suggestion = page.locator(".roadmap-report__suggestion", has_text=ORDER_NUMBER)
    suggestion.locator("select").select_option(label="подтвердить")
    click_and_wait(page.get_by_role("button", name="Сохранить", exact=True))
    assert "Отчёт об исполнении сохранён." in messages(page)
    evidence = page.locator("tr.roadmap-report__row").first
    assert evidence.get_by_role("link", name=re.compile(ORDER_NUMBER)).count() == 1

    click_and_wait(page.get_by_role("link", name="Невыполненные"))
    rows = page.locator("tr.roadmap-report__row")
    open_count = rows.count()
    assert open_count > 2
    for index in range(2):
        rows.nth(index).locator("input[name='selected']").check()
    page.select_option("#bulk-status", label="выполнено")
    rows.nth(0).locator("textarea").fill("Проведено, протокол № 3 от 15.10.2024")
    click_and_wait(
        page.get_by_role("button", name="Сохранить и отправить на утверждение")
    )
    assert "сохранена и отправлена на утверждение" in messages(page)
    # The two activities done are no longer among the open ones.
    assert page.locator("tr.roadmap-report__row").count() == open_count - 2
    click_and_wait(page.get_by_role("link", name="Все"))
    done = page.locator("tr.roadmap-report__row select").evaluate_all(
        "selects => selects.filter(s => s.value === 'done').length"
    )
    return done, total


def director_signs_the_order(page, url):
    log_in(page, url, "director")
    click_and_wait(page.get_by_role("link", name=re.compile(ORDER_TITLE)).first)
    approve(page)
    assert "одобрено на этапе «Подписание директором»" in messages(page)
    open_menu(page, "Наставничество", "Приказы")
    assert "Действует" in order_row(page).inner_text()


def reviewer_approves_the_roadmap(page, url, username, step):
    log_in(page, url, username)
    click_and_wait(page.get_by_role("link", name=re.compile(ROADMAP_TITLE)).first)
    approve(page)
    assert f"одобрено на этапе «{step}»" in messages(page)
    assert "нет доступа" not in messages(page)


def visitor_finds_roadmap_and_order(page, url, done, total):
    page.context.clear_cookies()
    page.goto(url + "/mentoring/")
    click_and_wait(page.get_by_role("link", name=re.compile(ROADMAP_TITLE)))
    progress = page.locator(".roadmap__progress").inner_text()
    assert f"Выполнено {done} из {total} мероприятий" in progress
    page.go_back()

    click_and_wait(page.get_by_role("link", name="Документы"))
    page.get_by_role("searchbox", name="Поиск").fill("дорожной карты")
    click_and_wait(page.get_by_role("button", name="Найти"))
    row = page.locator("tbody tr", has_text=ORDER_TITLE)
    assert ORDER_NUMBER in row.inner_text() and "действует" in row.inner_text()
    click_and_wait(row.get_by_role("link", name=ORDER_TITLE))
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать скан подписанного документа").click()
    assert download.value.suggested_filename.endswith(".pdf")
    # The order names what it approved: the roadmap, one click away.
    approves = page.locator(".registry__approves")
    click_and_wait(approves.get_by_role("link", name=re.compile(ROADMAP_TITLE)))
    assert (
        f"Выполнено {done} из {total}"
        in page.locator(".roadmap__progress").inner_text()
    )


def test_a_school_year_from_the_order_to_the_published_roadmap(
    browser_page, live_server, school, tmp_path
):
    page, url = browser_page, live_server.url
    scan = tmp_path / "prikaz-21-od.pdf"
    scan.write_bytes(simple_pdf(["ПРИКАЗ № 21-ОД от 30.08.2024", ORDER_TITLE]))
    secretary_registers_the_order(page, url, scan)
    curator_reviews_the_order(page, url)
    director_signs_the_order(page, url)
    curator_imports_the_roadmap(page, url)
    done, total = curator_reports_and_submits(page)
    reviewer_approves_the_roadmap(page, url, "methodologist", "Проверка методистом")
    assert not RoadmapPage.objects.get().live
    reviewer_approves_the_roadmap(page, url, "director", "Утверждение директором")
    assert RoadmapPage.objects.get().live
    visitor_finds_roadmap_and_order(page, url, done, total)

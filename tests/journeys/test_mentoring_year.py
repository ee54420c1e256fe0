"""One school year of the mentoring programme, told by each of its people in a
real browser (headless Chromium), each starting from the login page, at a
person's pace and at automation's (``pace``; see ``recorder.py``).

The secretary registers the order approving the roadmap and uploads its signed
scan; the curator reviews the order; the director signs it; the curator
imports the roadmap from Word, marks what was done in the execution report and
submits it; the methodist and then the director approve the roadmap; a
visitor finds both through the «Наставничество» section and the registry's
search.
"""

import re

import pytest
from demo.simple_pdf import simple_pdf
from django.conf import settings

from mentoring_wagtail.models import DocumentRegistryPage, RoadmapPage

from .support import (
    approve,
    approve_from_dashboard,
    footer_action,
    log_in,
    log_out,
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
RESULT = "Проведено, протокол № 3 от 15.10.2024"
# The goal of issue 25: a curator's Word roadmap to a director-signed
# published page in under 20 clicks beyond reading (log-ins not counted).
ROADMAP_GOAL_CLICKS = 20


@pytest.fixture
def school(live_server, mentoring_section):
    mentoring_section.add_child(
        instance=DocumentRegistryPage(title="Документы", slug="documents")
    )
    return school_staff("secretary", "curator", "methodologist", "director")


def order_row(page):
    return page.locator("tbody tr", has_text=ORDER_TITLE)


def secretary_registers_the_order(j, url, scan):
    page = j.page
    log_in(j, url, "secretary")
    open_menu(j, "Наставничество", "Приказы")
    j.click(page.get_by_role("link", name=re.compile("Добавить")).first)
    j.type("#id_title", ORDER_TITLE)
    j.type("#id_number", ORDER_NUMBER)
    j.type("#id_date", "2024-08-30", shown="30.08.2024")
    j.choose("#id_kind", value="implementation")
    upload_through_chooser(j, "signed_scan", scan, "Скан приказа 21-ОД")
    footer_action(j, re.compile("согласовани", re.I))
    assert "создан и отправлен на модерацию" in messages(page)
    j.saved()
    row = order_row(page).inner_text()
    assert ORDER_NUMBER in row and "На согласовании: Проверка куратором" in row


def curator_reviews_the_order(j, url):
    log_in(j, url, "curator")
    # The dashboard lists what waits for the curator's review.
    approve_from_dashboard(j, ORDER_TITLE)
    assert "одобрено на этапе «Проверка куратором»" in messages(j.page)


def curator_imports_the_roadmap(j):
    page = j.page
    open_menu(j, "Наставничество", "Импорт дорожной карты из .docx")
    j.pause()
    page.set_input_files("input[type='file'][name='file']", str(ROADMAP_DOCX))
    j.click(page.get_by_role("button", name="Прочитать файл"))
    # What was read is shown first; the draft is made on the curator's word.
    j.click(page.get_by_role("button", name="Создать черновик страницы"))
    summary = page.locator(".roadmap-import-summary").inner_text()
    assert f"Создан черновик страницы «{ROADMAP_TITLE}" in summary
    assert "2024/2025" in summary
    # What comes next in a year, one click away: the execution report.
    j.click(page.get_by_role("link", name="Отчёт об исполнении"))
    assert "Отчёт об исполнении" in page.title() and ROADMAP_TITLE in page.title()


def curator_reports_and_submits(j):
    """Marks two open activities done; returns (done, total) as reported."""
    page = j.page
    total = page.locator("tr.roadmap-report__row").count()
    # The order the secretary registered is offered as evidence of 1.1.
    suggestion = page.locator(".roadmap-report__suggestion", has_text=ORDER_NUMBER)
    j.choose(suggestion.locator("select"), label="подтвердить")
    j.click(page.get_by_role("button", name="Сохранить", exact=True))
    assert "Отчёт об исполнении сохранён." in messages(page)
    evidence = page.locator("tr.roadmap-report__row").first
    assert evidence.get_by_role("link", name=re.compile(ORDER_NUMBER)).count() == 1

    j.click(page.get_by_role("link", name="Невыполненные"))
    rows = page.locator("tr.roadmap-report__row")
    open_count = rows.count()
    assert open_count > 2
    for index in range(2):
        j.check(rows.nth(index).locator("input[name='selected']"))
    j.choose("#bulk-status", label="выполнено")
    result_name = rows.nth(0).locator("textarea").get_attribute("name")
    j.type(page.locator(f"textarea[name='{result_name}']"), RESULT)
    j.click(page.get_by_role("button", name="Сохранить и отправить на утверждение"))
    assert "сохранена и отправлена на утверждение" in messages(page)
    # The two activities done are no longer among the open ones.
    assert page.locator("tr.roadmap-report__row").count() == open_count - 2
    j.click(page.get_by_role("link", name="Все"))
    j.saved()  # the result typed is the one the report now shows
    done = page.locator("tr.roadmap-report__row select").evaluate_all(
        "selects => selects.filter(s => s.value === 'done').length"
    )
    return done, total


def director_signs_the_order(j, url):
    page = j.page
    log_in(j, url, "director")
    j.click(page.get_by_role("link", name=re.compile(ORDER_TITLE)).first)
    approve(j)
    assert "одобрено на этапе «Подписание директором»" in messages(page)
    open_menu(j, "Наставничество", "Приказы")
    assert "Действует" in order_row(page).inner_text()


def reviewer_approves_the_roadmap(j, url, username, step):
    """Log in (not counted against the goal), then approve; returns the
    clicks and fields of the approval itself."""
    page = j.page
    log_in(j, url, username)
    j.stage(f"approve-{username}")
    j.click(page.get_by_role("link", name=re.compile(ROADMAP_TITLE)).first)
    approve(j)
    assert f"одобрено на этапе «{step}»" in messages(page)
    assert "нет доступа" not in messages(page)
    return j.since(f"approve-{username}")


def visitor_finds_roadmap_and_order(j, url, done, total):
    page = j.page
    log_out(j, url)
    j.goto(url + "/mentoring/")
    j.click(page.get_by_role("link", name=re.compile(ROADMAP_TITLE)))
    progress = page.locator(".roadmap__progress").inner_text()
    assert f"Выполнено {done} из {total} мероприятий" in progress
    j.pause()
    page.go_back()

    j.click(page.get_by_role("link", name="Документы"))
    j.type(page.get_by_role("searchbox", name="Поиск"), "дорожной карты")
    j.click(page.get_by_role("button", name="Найти"))
    j.saved()  # the search box still says what was searched for
    row = page.locator("tbody tr", has_text=ORDER_TITLE)
    assert ORDER_NUMBER in row.inner_text() and "действует" in row.inner_text()
    j.click(row.get_by_role("link", name=ORDER_TITLE))
    with page.expect_download() as download:
        j.click(
            page.get_by_role("link", name="Скачать скан подписанного документа"),
            navigates=False,
        )
    assert download.value.suggested_filename.endswith(".pdf")
    # The order names what it approved: the roadmap, one click away.
    approves = page.locator(".registry__approves")
    j.click(approves.get_by_role("link", name=re.compile(ROADMAP_TITLE)))
    assert (
        f"Выполнено {done} из {total}"
        in page.locator(".roadmap__progress").inner_text()
    )


def test_a_school_year_from_the_order_to_the_published_roadmap(
    journey, live_server, school, tmp_path
):
    j, url = journey, live_server.url
    j.allowed |= set(school)  # the usernames shown in the admin
    scan = tmp_path / "prikaz-21-od.pdf"
    scan.write_bytes(simple_pdf(["ПРИКАЗ № 21-ОД от 30.08.2024", ORDER_TITLE]))
    secretary_registers_the_order(j, url, scan)
    j.record("secretary registers the order")
    curator_reviews_the_order(j, url)
    director_signs_the_order(j, url)
    j.record("order registered, reviewed and signed (from the start)")

    log_in(j, url, "curator")
    j.stage("roadmap")
    curator_imports_the_roadmap(j)
    j.record("curator imports the Word roadmap", j.since("roadmap"))
    done, total = curator_reports_and_submits(j)
    by_curator = j.record(
        "curator: Word roadmap to submitted report", j.since("roadmap")
    )
    by_methodist = reviewer_approves_the_roadmap(
        j, url, "methodologist", "Проверка методистом"
    )
    assert not RoadmapPage.objects.get().live
    by_director = reviewer_approves_the_roadmap(
        j, url, "director", "Утверждение директором"
    )
    assert RoadmapPage.objects.get().live
    signed = j.record(
        "Word roadmap to director-signed published page (log-ins not counted)",
        by_curator + by_methodist + by_director,
    )
    visitor_finds_roadmap_and_order(j, url, done, total)
    j.record("whole journey")
    j.assert_clean()
    assert signed.clicks < ROADMAP_GOAL_CLICKS, signed

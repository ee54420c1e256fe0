"""The mentor's portfolio, the questionnaire and the yearly report, and a
visitor on a phone and a desktop: each journey written once, walked in
headless Chromium at a person's pace and at automation's (``pace``).

The mentor creates her portfolio from the dashboard and submits it; the
curator approves it; a visitor finds it from the home page. The curator
issues a questionnaire's links for a group; a mentee answers through hers;
the curator sees the indicator change and downloads the yearly report.
"""

import datetime
import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from mentoring_wagtail.monitoring.models import MonitoringYear, QuestionnaireAnswer
from mentoring_wagtail.participants.models import (
    Mentor,
    MentorStatus,
    Person,
    PersonalDataConsent,
)
from mentoring_wagtail.portfolios.models import MentorIndexPage, MentorPortfolioPage
from tests.monitoring.support import (
    YEAR,
    make_group,
    make_mentee,
    make_questionnaire,
)

from .support import (
    approve_from_dashboard,
    footer_action,
    log_in,
    log_out,
    messages,
    school_staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXPERIENCE = "Двадцать лет веду школьный математический кружок"
# The goal of issue 25: from marked activities to the yearly report in
# under 10 clicks (the curator's log-in not counted).
REPORT_GOAL_CLICKS = 10


@pytest.fixture
def school(live_server, mentoring_section):
    staff = school_staff("curator", "mentor")
    site = Site.objects.get(is_default_site=True)
    index = mentoring_section.add_child(
        instance=MentorIndexPage(title="Наши наставники", slug="mentors")
    )
    person = Person.objects.create(
        site=site,
        kind="teacher",
        last_name="Смирнова",
        first_name="Анна",
        patronymic="Ивановна",
        position="учитель",
        user=staff["mentor"],
    )
    PersonalDataConsent.objects.create(
        person=person,
        given_on=timezone.localdate() - datetime.timedelta(days=10),
        covers_processing=True,
        covers_publication=True,
    )
    mentor = Mentor.objects.create(
        person=person,
        status=MentorStatus.APPROVED,
        subject_area="Математика",
        experience_years=12,
        capacity=20,
    )
    return {
        "staff": staff,
        "site": site,
        "section": mentoring_section,
        "index": index,
        "mentor": mentor,
    }


def test_mentor_creates_and_submits_her_portfolio_the_curator_approves(
    journey, live_server, school
):
    j, url, page = journey, live_server.url, journey.page
    j.allowed |= set(school["staff"])
    log_in(j, url, "mentor")
    # The dashboard offers what she can do: create her portfolio.
    j.click(page.locator("[data-mentoring-my-portfolio] a").first)
    j.click(page.get_by_role("button", name="Создать моё портфолио"))
    assert "/admin/pages/" in page.url and "/edit/" in page.url
    j.type("#id_experience", EXPERIENCE)
    footer_action(j, re.compile("^Отправить"))
    portfolio = MentorPortfolioPage.objects.get()
    assert portfolio.workflow_in_progress and not portfolio.live
    assert Client().get(portfolio.url).status_code == 404  # not public yet
    mentor_part = j.record("mentor creates and submits her portfolio")

    log_in(j, url, "curator")
    j.stage("curator")
    approve_from_dashboard(j, portfolio.title)
    portfolio.refresh_from_db()
    assert portfolio.live
    # Wagtail's page workflow action (the dashboard's «Одобрить» on a page)
    # redirects without a word, unlike an order's (approvals'
    # ConfirmedWorkflowActionView): what the curator sees is the row gone.
    assert not messages(page) or "одобрено" in messages(page)
    assert (
        page.locator("#awaiting-review-content", has_text=portfolio.title).count() == 0
    )
    j.record("curator approves the portfolio", j.since("curator"))

    # A visitor finds her through the section; she reads what was typed.
    log_out(j, url)
    j.goto(url + school["section"].url)
    j.click(page.get_by_role("link", name="Наши наставники").first)
    j.click(page.get_by_role("link", name=portfolio.title))
    j.saved()
    j.record("whole journey")
    j.assert_clean()
    assert mentor_part.clicks <= 6, mentor_part


@pytest.fixture
def questionnaire_year(school):
    site = school["site"]
    group = make_group(
        site,
        school["mentor"],
        [make_mentee(site, "student", i, 2010) for i in range(2)],
        "teacher-student",
    )
    questionnaire = make_questionnaire(school["section"])
    year = MonitoringYear.objects.create(
        site=site, academic_year=YEAR, students_10_19=40
    )
    return group, questionnaire, year


def test_curator_issues_links_a_mentee_answers_the_yearly_report_downloads(
    journey, live_server, school, questionnaire_year
):
    j, url, page = journey, live_server.url, journey.page
    group, questionnaire, year = questionnaire_year
    j.allowed |= set(school["staff"]) | {"mentees", "end"}  # the title's codes
    log_in(j, url, "curator")
    j.click(page.get_by_role("link", name="Мониторинг").first)
    row = page.locator("tr", has_text=questionnaire.title)
    j.click(row.get_by_role("link", name="Выдать ссылки"))
    j.check(page.locator(f"input[name=groups][value='{group.pk}']"))
    j.click(page.get_by_role("button", name="Выдать ссылки", exact=True))
    href = page.locator("a.issued-link").first.get_attribute("href")
    parts = urlsplit(href)
    assert parts.query.startswith("k=") and "Фамилия" not in href
    assert not href.startswith("http://localhost/"), href
    j.record("curator issues the links")

    # The mentee follows the link she was given: no log-in.
    log_out(j, url)
    link = f"{url}{parts.path}?{parts.query}"
    j.goto(link)
    j.check(
        page.locator("form.mentoring__questionnaire input[type=radio][value='5']").first
    )
    j.click(page.locator("form.mentoring__questionnaire button[type=submit]"))
    assert "сохранены" in page.inner_text("main")
    assert QuestionnaireAnswer.objects.get().satisfaction == 5
    j.goto(link)  # the same link a second time is refused
    assert "уже использована" in page.inner_text("main")

    # Marked activities to the yearly report: the curator's clicks.
    log_in(j, url, "curator")
    j.stage("report")
    j.click(page.get_by_role("link", name="Мониторинг").first)
    j.click(page.get_by_role("link", name=YEAR).first)
    current = page.locator("tr[data-indicator=mentee_satisfaction] td.current")
    assert current.inner_text().strip() == "1 из 1 – 100 %"
    with page.expect_download() as download:
        j.click(page.get_by_role("button", name="Сформировать отчёт"), navigates=False)
    assert download.value.suggested_filename.endswith(".docx")
    to_report = j.record(
        "marked activities to the yearly .docx (from the dashboard)", j.since("report")
    )
    j.record("whole journey")
    j.assert_clean()
    assert to_report.clicks < REPORT_GOAL_CLICKS, to_report


# What sticks out of the window's width (a phone scrolls sideways for it).
SIDEWAYS = """() => document.documentElement.scrollWidth <= window.innerWidth ? [] :
    [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 5).map(e => e.tagName + '.' + e.className + ' '
        + Math.round(e.getBoundingClientRect().right))"""


@pytest.fixture
def demo_school(live_server):
    """The demo school of ``manage.py load_demo_school``: a home page, the
    section and everything in it, as a newcomer's site would have them."""
    call_command("load_demo_school", stdout=StringIO())


def test_visitor_finds_everything_from_the_home_page(journey, live_server, demo_school):
    """From the home page, every part of the section is a link or two away,
    on a phone and on a desktop; nothing is a dead end, nothing English."""
    j, url, page = journey, live_server.url, journey.page
    for width in (375, 1366):
        page.set_viewport_size({"width": width, "height": 800})
        j.stage(f"{width}")
        j.goto(url + "/")
        j.click(page.locator("main").get_by_role("link", name="Наставничество"))
        section_url = page.url
        parts = [
            link.inner_text().strip()
            for link in page.locator("main a[href]").all()
            if link.is_visible() and link.inner_text().strip()
        ]
        for name in ("Наши наставники", "Показатели", "Документы"):
            assert any(name in part for part in parts), parts
        for name in parts:
            j.goto(section_url)
            j.click(page.locator("main").get_by_role("link", name=name).first)
            assert page.locator("main").inner_text().strip(), page.url
            wide = page.evaluate(SIDEWAYS)
            assert not wide, (width, page.url, wide)
        j.record(f"visitor reaches every part, {width} px", j.since(f"{width}"))
    j.assert_clean()

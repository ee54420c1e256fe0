"""In a real browser: a mentee answers through a token link and the curator
sees the indicator change (headless Chromium, Playwright)."""

from urllib.parse import urlsplit

import pytest

from mentoring_wagtail.monitoring.models import MonitoringYear, QuestionnaireAnswer
from tests.conftest import BROWSER_WAIT_MS

from .support import (
    YEAR,
    make_group,
    make_mentee,
    make_mentor,
    make_questionnaire,
    site_and_section,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mentee_answers_through_a_link_and_the_indicator_changes(
    chromium, live_server, django_user_model
):
    site, section = site_and_section()
    mentor = make_mentor(site, "teacher", 1, 1980)
    group = make_group(
        site,
        mentor,
        [make_mentee(site, "student", i, 2010) for i in range(2)],
        "teacher-student",
    )
    questionnaire = make_questionnaire(section)
    year = MonitoringYear.objects.create(
        site=site, academic_year=YEAR, students_10_19=40
    )
    django_user_model.objects.create_superuser(
        "curator", "c@example.com", "secret-pass"
    )

    curator = chromium.new_context(locale="ru-RU").new_page()
    curator.set_default_timeout(BROWSER_WAIT_MS)
    curator.goto(live_server.url + "/admin/login/")
    curator.fill("input[name=username]", "curator")
    curator.fill("input[name=password]", "secret-pass")
    with curator.expect_navigation():
        curator.locator("form button[type=submit]").first.click()
    indicators_url = f"{live_server.url}/admin/mentoring-monitoring/year/{year.pk}/"
    curator.goto(indicators_url)
    row = curator.locator("tr[data-indicator=mentee_satisfaction] td.current")
    assert row.inner_text().strip() == "—"

    curator.goto(
        f"{live_server.url}/admin/mentoring-monitoring/questionnaire/"
        f"{questionnaire.pk}/links/"
    )
    curator.check(f"input[name=groups][value='{group.pk}']")
    with curator.expect_navigation():
        curator.locator("button[name=format][value=html]").click()
    href = curator.locator("a.issued-link").first.get_attribute("href")
    parts = urlsplit(href)
    assert parts.query.startswith("k=") and "Фамилия" not in href

    mentee = chromium.new_context(locale="ru-RU").new_page()
    mentee.set_default_timeout(BROWSER_WAIT_MS)
    mentee.goto(f"{live_server.url}{parts.path}?{parts.query}")
    mentee.locator(
        "form.mentoring__questionnaire input[type=radio][value='5']"
    ).first.check()
    with mentee.expect_navigation():
        mentee.locator("form.mentoring__questionnaire button[type=submit]").click()
    assert "сохранены" in mentee.content()
    assert QuestionnaireAnswer.objects.get().satisfaction == 5
    # The same link a second time is refused.
    mentee.goto(f"{live_server.url}{parts.path}?{parts.query}")
    assert "уже использована" in mentee.content()

    curator.goto(indicators_url)
    row = curator.locator("tr[data-indicator=mentee_satisfaction] td.current")
    assert row.inner_text().strip() == "1 из 1 – 100 %"
    mentee.context.close()
    curator.context.close()

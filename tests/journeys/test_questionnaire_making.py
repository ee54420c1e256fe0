"""The curator makes a questionnaire from scratch and it is published, in
headless Chromium at both paces (``pace``): from «Мониторинг», «Добавить
анкету» opens the page editor; she names it, adds two questions in Russian in
the form builder and sends it along the package's route («Публикация
материалов наставничества», set up by ``mentoring_setup``); the director, who
holds the right to publish, approves it from her dashboard; the curator issues
the links and a mentee, through hers, reads the questions as they were typed.

(``test_people.py`` starts from a prepared questionnaire: links, answer,
indicators, the yearly report.)
"""

import re
from urllib.parse import urlsplit

import pytest
from wagtail.models import Site

from mentoring_wagtail.approvals.routes import PAGE_WORKFLOW
from mentoring_wagtail.monitoring.models import QuestionnairePage
from tests.monitoring.support import YEAR, make_group, make_mentee, make_mentor

from .support import (
    approve_from_dashboard,
    footer_action,
    log_in,
    log_out,
    messages,
    school_staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Анкета наставляемого: итоги года"
QUESTIONS = (
    ("Насколько вы довольны работой с наставником?", "Шкала удовлетворённости"),
    ("Что было самым полезным?", "Многострочный текст"),
)


@pytest.fixture
def school(live_server, mentoring_section):
    staff = school_staff("curator", "director")
    site = Site.objects.get(is_default_site=True)
    group = make_group(
        site,
        make_mentor(site, "teacher", 1, 1980),
        [make_mentee(site, "student", 1, 2010)],
        "teacher-student",
    )
    return staff, group


def curator_makes_the_questionnaire(j):
    page = j.page
    j.click(page.get_by_role("link", name="Мониторинг").first)
    j.click(page.get_by_role("link", name="Добавить анкету"))
    j.type("#id_title", TITLE)
    j.type("#id_academic_year", YEAR)
    j.pending.pop()  # shown in «Мониторинг», checked there
    for index, (label, kind) in enumerate(QUESTIONS):
        j.click(page.get_by_role("button", name="Добавить вопрос"), navigates=False)
        j.type(f"#id_form_fields-{index}-label", label)
        j.choose(f"#id_form_fields-{index}-field_type", label=kind)
    actions = page.locator("footer").last.locator("button").all_text_contents()
    submit = f"Отправить в «{PAGE_WORKFLOW}»"
    assert any(submit in action for action in actions), actions
    footer_action(j, re.compile(submit))
    assert "отправлен" in messages(page), messages(page)
    questionnaire = QuestionnairePage.objects.get()
    assert not questionnaire.live and questionnaire.workflow_in_progress
    assert [
        f.label for f in questionnaire.get_latest_revision_as_object().form_fields.all()
    ] == [label for label, _kind in QUESTIONS]
    return questionnaire


def test_curator_makes_a_questionnaire_the_director_publishes_a_mentee_reads_it(
    journey, live_server, school
):
    j, url, page = journey, live_server.url, journey.page
    staff, group = school
    j.allowed |= set(staff)
    log_in(j, url, "curator")
    j.stage("make")
    questionnaire = curator_makes_the_questionnaire(j)
    j.record("curator makes the questionnaire and sends it", j.since("make"))

    log_in(j, url, "director")
    j.stage("publish")
    approve_from_dashboard(j, TITLE)
    questionnaire.refresh_from_db()
    assert questionnaire.live
    j.record("director publishes it from the dashboard", j.since("publish"))

    log_in(j, url, "curator")
    j.click(page.get_by_role("link", name="Мониторинг").first)
    row = page.locator("tr", has_text=TITLE)
    assert YEAR in row.inner_text()
    j.click(row.get_by_role("link", name="Выдать ссылки"))
    j.check(page.locator(f"input[name=groups][value='{group.pk}']"))
    j.click(page.get_by_role("button", name="Выдать ссылки", exact=True))
    parts = urlsplit(page.locator("a.issued-link").first.get_attribute("href"))

    # The mentee, through her link: the questions as the curator typed them.
    log_out(j, url)
    j.goto(f"{url}{parts.path}?{parts.query}")
    form = page.locator("form.mentoring__questionnaire")
    assert form.count() == 1
    j.saved()
    j.record("whole journey")
    j.assert_clean()

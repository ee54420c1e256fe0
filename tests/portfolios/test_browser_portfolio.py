"""In a real browser: a mentor edits and submits, the curator approves, a visitor sees it."""

import pytest
from django.test import Client
from django.urls import reverse

from mentoring_wagtail.portfolios.models import MentorPortfolioPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Двадцать лет веду школьный математический кружок"


def login_as(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def click_hidden(page, selector):
    """Buttons of the footer's action menu sit in a closed dropdown."""
    with page.expect_navigation():
        page.locator(selector).first.evaluate("button => button.click()")


def test_mentor_submits_curator_approves_visitor_sees(
    browser_page, live_server, make_mentor, make_portfolio, mentor_index, curator
):
    page = browser_page
    url = live_server.url
    mentor = make_mentor("Смирнова", username="anna")
    portfolio = make_portfolio(mentor, publish=False)

    # 1. The mentor opens «Моё портфолио», writes and submits.
    login_as(page, live_server, mentor.person.user)
    page.goto(url + reverse("wagtailadmin_home"))
    with page.expect_navigation():
        page.locator("[data-mentoring-my-portfolio] a").first.click()
    assert f"/admin/pages/{portfolio.pk}/edit/" in page.url
    page.fill("#id_experience", TEXT)
    click_hidden(page, "button[name='action-submit']")
    portfolio = MentorPortfolioPage.objects.get(pk=portfolio.pk)
    assert portfolio.workflow_in_progress
    assert not portfolio.live
    page.context.clear_cookies()
    assert page.goto(url + portfolio.url).status == 404

    # 2. The curator approves.
    login_as(page, live_server, curator)
    page.goto(url + reverse("wagtailadmin_pages:edit", args=[portfolio.pk]))
    click_hidden(
        page,
        "button[data-workflow-action-name='approve']"
        ":not([data-workflow-action-modal-url])",
    )
    portfolio.refresh_from_db()
    assert portfolio.live

    # 3. A visitor finds the mentor in «Наши наставники» and reads the page.
    page.context.clear_cookies()
    page.goto(url + mentor_index.url)
    with page.expect_navigation():
        page.get_by_role("link", name=portfolio.title).click()
    assert TEXT in page.content()

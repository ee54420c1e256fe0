"""Choosing a group's mentor and mentees in a real browser (headless Chromium)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.approvals_support import make_user, setup_roles

from .support import make_group, make_mentee, make_mentor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MODAL = ".modal.fade.show, .modal[open], .modal:visible"


def login_as(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def test_the_curator_picks_a_mentor_and_two_mentees_and_saves(
    browser_page, live_server, mentoring_section
):
    from playwright.sync_api import expect

    page = browser_page
    setup_roles()
    curator = make_user("curator", "curator")
    group = make_group(
        make_mentor(capacity=3, last_name="Прежнева"),
        mentees=[make_mentee(last_name="Остаёва")],
    )
    new_mentor = make_mentor(capacity=3, last_name="Новикова")
    make_mentee(last_name="Шахматова", class_or_group="7 «Б»")
    make_mentee(last_name="Шашкина", class_or_group="7 «Б»")
    make_mentee(last_name="Лишняя")
    login_as(page, live_server, curator)
    page.goto(live_server.url + reverse("mentoring_groups:edit", args=[group.pk]))

    page.locator("#id_mentor-chooser .w-dropdown__toggle").click()
    page.get_by_role("button", name="Выбрать другого наставника").click()
    modal = page.locator(MODAL).first
    modal.locator("input[name='q']").fill("новик")
    modal.get_by_role("link", name="Новикова").click()
    page.locator("#id_mentor-chooser [data-chooser-title]").filter(
        has_text="Новикова"
    ).wait_for()

    page.get_by_role("button", name="Добавить наставляемых").click()
    modal = page.locator(MODAL).first
    modal.locator("input[name='q']").fill("7 «б»")
    expect(modal.get_by_text("Лишняя")).to_have_count(0)
    for name in ("Шахматова", "Шашкина"):
        modal.locator("tr", has_text=name).locator("input[type=checkbox]").check()
    modal.locator("[data-multiple-choice-submit]").click()
    chosen = page.locator("#id_mentees [data-chosen-list]")
    chosen.get_by_text("Шашкина").wait_for()
    chosen.locator("li", has_text="Остаёва").get_by_role(
        "button", name="Убрать"
    ).click()
    with page.expect_navigation():
        page.locator("footer button[type=submit]").first.click()

    group.refresh_from_db()
    assert group.mentor == new_mentor
    assert sorted(m.person.last_name for m in group.mentees.all()) == [
        "Шахматова",
        "Шашкина",
    ]

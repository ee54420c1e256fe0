"""The whole order route in a real browser (headless Chromium, Playwright).

The secretary drafts an order and attaches the Word draft, the curator
approves, the director is refused while the signed scan is missing, the
secretary uploads the scan and the number, the director signs, the order is
in force, and two teachers acknowledge it from their dashboards.
"""

from urllib.parse import urlsplit

import pytest
from demo.simple_pdf import simple_pdf
from django.test import Client
from django.urls import reverse

from mentoring_wagtail.models import (
    Acknowledgement,
    DocumentRegistryPage,
    Order,
    SignOff,
)

from ..approvals_support import make_user, setup_roles
from ..documents_support import docx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "О закреплении наставнических пар на 2026/2027 учебный год"


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


def upload_through_chooser(page, field, path, title):
    """Attach a new file to a document field through Wagtail's chooser modal."""
    page.locator(f"#id_{field}-chooser .chooser__choose-button").click()
    modal = page.locator(".modal.fade.show, .modal[open], .modal:visible").first
    modal.locator(
        "a[href='#tab-upload'], button[aria-controls='tab-upload']"
    ).first.click()
    modal.locator("input[name='document-chooser-upload-file']").set_input_files(
        str(path)
    )
    modal.locator("input[name='document-chooser-upload-title']").fill(title)
    modal.locator(
        "#tab-upload form button[type='submit'], #tab-upload button[type='submit']"
    ).first.click()
    page.locator(f"#id_{field}-chooser:not(.blank)").wait_for()


def click_hidden(page, selector):
    """Buttons of the footer's action menu sit in a closed dropdown."""
    with page.expect_navigation():
        page.locator(selector).first.evaluate("button => button.click()")


def click_and_wait(locator):
    with locator.page.expect_navigation():
        locator.click()


def test_order_route_from_draft_to_familiarisation(
    browser_page, live_server, mentoring_section, tmp_path
):
    page = browser_page
    users = setup_roles()
    teachers = [
        make_user("teacher1", "mentor", first_name="Анна", last_name="Смирнова"),
        make_user("teacher2", "mentor", first_name="Олег", last_name="Кузнецов"),
    ]
    draft_path = tmp_path / "proekt-prikaza.docx"
    draft_path.write_bytes(docx_bytes("ПРИКАЗ", TITLE))
    scan_path = tmp_path / "skan-prikaza.pdf"
    scan_path.write_bytes(simple_pdf(["ПРИКАЗ № 31-ОД", TITLE]))
    url = live_server.url
    registry = mentoring_section.add_child(
        instance=DocumentRegistryPage(title="Документы", slug="documents")
    )

    # 1. The secretary drafts the order, attaches the draft and submits it.
    login_as(page, live_server, users["secretary"])
    page.goto(url + reverse("wagtailsnippets_mentoring_wagtail_order:add"))
    page.fill("#id_title", TITLE)
    page.fill("#id_date", "2026-09-01")
    page.select_option("#id_kind", "pairs")
    upload_through_chooser(page, "draft_file", draft_path, "Проект приказа о парах")
    click_hidden(page, "button[name='action-submit']")
    order = Order.objects.get(title=TITLE)
    draft = order.get_latest_revision_as_object().draft_file
    assert draft.title == "Проект приказа о парах"
    assert order.workflow_in_progress
    assert not order.live
    public_url = url + urlsplit(registry.document_url(order)).path
    page.context.clear_cookies()
    assert page.goto(public_url).status == 404

    # 2. The curator approves.
    edit_url = url + reverse(
        "wagtailsnippets_mentoring_wagtail_order:edit", args=[order.pk]
    )
    login_as(page, live_server, users["curator"])
    page.goto(edit_url)
    click_hidden(
        page,
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])",
    )
    order.refresh_from_db()
    assert order.current_workflow_task.name == "Подписание директором"

    # 3. The director may not sign without the scan and the number.
    login_as(page, live_server, users["director"])
    page.goto(edit_url)
    assert page.locator("button[data-workflow-action-name='approve']").count() == 0
    warning = page.locator("[data-sign-off-problems]").inner_text()
    assert "scan" in warning or "скан" in warning
    order.refresh_from_db()
    assert not order.live and not SignOff.objects.exists()

    # 4. The secretary registers the number and uploads the signed scan.
    login_as(page, live_server, users["secretary"])
    page.goto(edit_url)
    page.fill("#id_number", "31-ОД")
    upload_through_chooser(page, "signed_scan", scan_path, "Скан приказа 31-ОД")
    click_and_wait(page.locator("button.action-save").first)
    latest = Order.objects.get(pk=order.pk).get_latest_revision_as_object()
    assert latest.number == "31-ОД" and latest.signed_scan_id

    # 5. The director signs: the order is in force.
    login_as(page, live_server, users["director"])
    page.goto(edit_url)
    click_hidden(
        page,
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])",
    )
    order = Order.objects.get(pk=order.pk)
    assert order.live
    assert SignOff.for_object(order).get().signed_by == users["director"]
    page.context.clear_cookies()
    response = page.goto(public_url)
    assert response.status == 200
    assert TITLE in page.content() and "31-ОД" in page.content()

    # 6. The secretary asks two teachers to acknowledge it; both do.
    login_as(page, live_server, users["secretary"])
    page.goto(
        url
        + reverse(
            "mentoring_familiarisation:object",
            args=["mentoring_wagtail", "order", order.pk],
        )
    )
    for teacher in teachers:
        page.check(f"input[name='users'][value='{teacher.pk}']")
    click_and_wait(page.locator("form button[type='submit'].button").last)
    assert Acknowledgement.objects.for_object(order).count() == 2
    for teacher in teachers:
        login_as(page, live_server, teacher)
        page.goto(url + reverse("wagtailadmin_home"))
        panel = page.locator("[data-mentoring-acknowledgements]")
        assert "31-ОД" in panel.inner_text()
        click_and_wait(panel.locator("button[type='submit']").first)
        assert page.locator("[data-mentoring-acknowledgements]").count() == 0
    assert Acknowledgement.objects.for_object(order).done().count() == 2

"""The registration journal through Wagtail 8's autosave, in a real browser.

Wagtail posts the edit form in the background after every change. A number
is taken only by the secretary's explicit act (the save with «зарегистрировать
сейчас»), never by those background saves nor by previews, so the number the
form announced is the number the order gets and the journal has no gaps.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring_wagtail.documents.numbering import OrderJournal
from mentoring_wagtail.models import Order

from ..approvals.test_browser_order_route import click_and_wait, login_as
from ..approvals_support import make_user, setup_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def is_autosave(request):
    return request.method == "POST" and "application/json" in (
        request.headers.get("accept") or ""
    )


def edit_and_autosave(page, field, text):
    """Change a field and wait for Wagtail's background save of the form."""
    with page.expect_response(lambda response: is_autosave(response.request)) as info:
        page.locator(field).press_sequentially(text)
    assert info.value.ok, info.value.text()
    return info.value


def wait_for_change_watch(page):
    # Wagtail's change watcher takes the form's initial state 2 s after load.
    page.wait_for_timeout(2500)


def test_autosave_takes_no_number_and_the_first_save_says_created(
    browser_page, live_server, mentoring_section
):
    page = browser_page
    users = setup_roles()
    make_user("teacher", "mentor")
    login_as(page, live_server, users["secretary"])
    page.goto(live_server.url + reverse("wagtailsnippets_mentoring_wagtail_order:add"))
    assert "1-ОД" in page.content()

    if not page.input_value("#id_date"):
        page.fill("#id_date", timezone.localdate().isoformat())
    wait_for_change_watch(page)
    page.check("#id_register_now")
    edit_and_autosave(page, "#id_title", "О назначении куратора")
    for n in range(3):
        # The first background save turned the add form into the edit form.
        wait_for_change_watch(page)
        edit_and_autosave(page, "#id_summary", f" Пункт {n}.")
    # Background saves made the draft but took no number.
    assert Order.objects.count() == 1
    assert OrderJournal.objects.filter(last_seq__gt=0).count() == 0

    click_and_wait(page.locator("button.action-save").first)
    order = Order.objects.get()
    assert order.get_latest_revision_as_object().number == "1-ОД"
    assert OrderJournal.objects.get().last_seq == 1
    # Shown at once, and announced as created, not updated.
    assert page.locator("#id_number").input_value() == "1-ОД"
    message = page.locator(".messages").inner_text()
    assert "создан" in message and "обновлен" not in message

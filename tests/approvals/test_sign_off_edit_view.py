"""The director opening an order that cannot be signed yet is told why, in
the edit view, and offered no action that would be refused."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site, Workflow

from mentoring_wagtail.approvals.routes import ORDER_WORKFLOW
from mentoring_wagtail.models import Order

from ..documents_support import make_document, make_order
from ..module_state import built_once

pytestmark = pytest.mark.django_db


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, _users = built_once()


@pytest.fixture
def users(_users, settings):
    settings.LANGUAGE_CODE = "ru"
    return _users


def at_signature(users, title, **fields):
    site = Site.objects.get(is_default_site=True)
    order = make_order(site=site, live=False, title=title, **fields)
    order.save_revision(user=users["secretary"])
    Workflow.objects.get(name=ORDER_WORKFLOW).start(order, users["secretary"])
    order.refresh_from_db()
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, users["curator"], "approve"
    )
    order.refresh_from_db()
    assert order.current_workflow_task.name == "Подписание директором"
    return order


def edit_view(client, user, order):
    client.force_login(user)
    url = reverse(Order.snippet_viewset.get_url_name("edit"), args=[order.pk])
    with translation.override("ru"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def offers_approval(text):
    return 'data-workflow-action-name="approve"' in text


@pytest.mark.parametrize(
    "fields,missing",
    [
        ({}, ("номер", "скан")),
        ({"number": "5-ОД"}, ("скан",)),
    ],
)
def test_the_director_is_told_what_is_missing_and_offered_no_approval(
    client, users, fields, missing
):
    order = at_signature(users, "Без реквизитов", **fields)
    text = edit_view(client, users["director"], order)
    panel = text.split("data-sign-off-problems", 1)
    assert len(panel) == 2, "no notice of what is missing in the edit view"
    notice = panel[1].split("</ul>", 1)[0]
    assert "Документ пока нельзя подписать" in notice
    for word in missing:
        assert word in notice
    if "number" in fields:
        assert "номер" not in notice
    assert 'name="action-publish"' not in text
    assert not offers_approval(text)


def test_an_order_ready_for_signature_says_nothing_and_can_be_approved(client, users):
    order = at_signature(
        users, "Со сканом", number="6-ОД", signed_scan=make_document("Скан")
    )
    text = edit_view(client, users["director"], order)
    assert "data-sign-off-problems" not in text
    assert "нельзя подписать" not in text
    assert offers_approval(text)


def test_the_notice_is_shown_on_every_visit_not_once(client, users):
    order = at_signature(users, "Без реквизитов")
    for _visit in range(2):
        assert "data-sign-off-problems" in edit_view(client, users["director"], order)


def test_signing_from_the_editor_footer_says_it_was_signed(client, users):
    order = at_signature(
        users,
        "О подписи из редактора",
        number="7-ОД",
        signed_scan=make_document("Скан"),
    )
    client.force_login(users["director"])
    url = reverse(Order.snippet_viewset.get_url_name("edit"), args=[order.pk])
    data = {
        "title": order.title,
        "number": order.number,
        "date": order.date.isoformat(),
        "kind": order.kind,
        "summary": order.summary,
        "body": order.body,
        "signatory_title": order.signatory_title,
        "signatory_name": order.signatory_name,
        "valid_until": "",
        "draft_file": "",
        "signed_scan": order.signed_scan_id,
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
    }
    with translation.override("ru"):
        response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="ru", follow=True)
    order.refresh_from_db()
    assert order.live
    # Wagtail appends an «Редактировать» button to the text.
    shown = [str(message).split("\n")[0] for message in response.context["messages"]]
    assert shown == [
        f"{order.notification_title}: одобрено на этапе «Подписание директором»."
    ]

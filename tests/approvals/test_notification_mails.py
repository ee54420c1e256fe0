"""Workflow e-mails about the package's records: correct Russian, a real link."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from mentoring_wagtail.models import Order

from ..documents_support import make_order
from ..module_state import built_once

pytestmark = pytest.mark.django_db

BASE_URL = "https://school7.example.org"


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once()


@pytest.fixture
def order(users, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True
    order = make_order(number="", live=False, title="О парах")
    order.save_revision(user=users["secretary"])
    order.users = users
    return order


def edit_link(order):
    return BASE_URL + reverse(
        Order.snippet_viewset.get_url_name("edit"), args=[order.pk]
    )


def test_the_reviewers_mail_names_the_step_and_links_to_the_order(
    order, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with (
        translation.override("ru"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        order.get_workflow().start(order, order.users["secretary"])
    assert mail.outbox, "the mail is sent after the commit, by a background job"
    message = next(m for m in mail.outbox if order.users["curator"].email in m.to)
    assert message.subject == (
        "Ожидает вашего решения на этапе «Проверка куратором»: "
        f"Приказ от {order.date:%d.%m.%Y} «О парах»"
    )
    assert "утверждено" not in message.body and "модерации" not in message.body
    assert "ожидает вашего решения" in message.body
    assert edit_link(order) in message.body
    html = message.alternatives[0][0]
    assert f'href="{edit_link(order)}"' in html


def test_the_director_gets_a_link_too(order, django_capture_on_commit_callbacks):
    with translation.override("ru"):
        order.get_workflow().start(order, order.users["secretary"])
        order.refresh_from_db()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            order.current_workflow_task_state.approve(user=order.users["curator"])
    message = next(m for m in mail.outbox if order.users["director"].email in m.to)
    assert "«Подписание директором»" in message.subject
    assert edit_link(order) in message.body


def test_a_rejection_mail_reads_right_and_links_to_the_order(
    order, django_capture_on_commit_callbacks
):
    with translation.override("ru"):
        order.get_workflow().start(order, order.users["secretary"])
        order.refresh_from_db()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            order.current_workflow_task_state.reject(
                user=order.users["curator"], comment="Уточните пункт 3"
            )
    message = next(m for m in mail.outbox if order.users["secretary"].email in m.to)
    assert message.subject.startswith("На доработку")
    assert "возвращён на доработку" in message.body
    assert "Уточните пункт 3" in message.body
    assert edit_link(order) in message.body


def test_mails_about_other_objects_keep_wagtails_text(mentoring_section):
    from django.template.loader import render_to_string

    text = render_to_string(
        "wagtailadmin/notifications/task_state_submitted_subject.txt",
        {"page": mentoring_section, "task": type("T", (), {"name": "Шаг"})()},
    )
    assert "Шаг" in text and "Наставничество" in text


def test_an_approval_from_the_dashboard_is_confirmed(client, order):
    from django.contrib.messages import get_messages

    order.get_workflow().start(order, order.users["secretary"])
    order.refresh_from_db()
    client.force_login(order.users["curator"])
    state = order.current_workflow_task_state
    url = reverse(
        Order.snippet_viewset.get_url_name("workflow_action"),
        args=[order.pk, "approve", state.pk],
    )
    response = client.post(url, {"comment": ""}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("одобрено на этапе «Проверка куратором»" in t for t in texts), texts


def test_the_submission_mail_to_administrators_reads_right(
    order, django_user_model, django_capture_on_commit_callbacks
):
    admin = django_user_model.objects.create_superuser(
        "admin", "admin@example.org", "pw"
    )
    mail.outbox.clear()
    with (
        translation.override("ru"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        order.get_workflow().start(order, order.users["secretary"])
    message = next(
        m
        for m in mail.outbox
        if admin.email in m.to and m.subject.startswith("На согласование")
    )
    assert message.subject == (
        "На согласование («Согласование приказа»): "
        f"Приказ от {order.date:%d.%m.%Y} «О парах»"
    )
    assert "отправлен на согласование по маршруту «Согласование приказа»" in (
        message.body
    )
    assert "moderation" not in message.body and "модерац" not in message.body
    assert edit_link(order) in message.body
    assert f'href="{edit_link(order)}"' in message.alternatives[0][0]


def task_notifier(kind):
    """Wagtail ships the task approved/rejected mails as templates for a
    notifier a site may enable; this is that notifier, as Wagtail builds it."""
    from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier

    class Notifier(BaseGroupApprovalTaskStateEmailNotifier):
        notification = kind

    return Notifier()


@pytest.mark.parametrize(
    "kind,subject,body",
    [
        ("approved", "Одобрено на этапе «Проверка куратором»: ", "одобрено на этапе"),
        (
            "rejected",
            "На доработку с этапа «Проверка куратором»: ",
            "возвращено на доработку на этапе «Проверка куратором»",
        ),
    ],
)
def test_the_task_mails_read_right_and_link_to_the_order(order, kind, subject, body):
    with translation.override("ru"):
        order.get_workflow().start(order, order.users["secretary"])
        order.refresh_from_db()
        state = order.current_workflow_task_state
        mail.outbox.clear()
        task_notifier(kind)(state, user=order.users["secretary"])
    message = next(m for m in mail.outbox if order.users["curator"].email in m.to)
    assert message.subject == subject + f"Приказ от {order.date:%d.%m.%Y} «О парах»"
    assert body in message.body
    for english in ("approved in", "rejected during", "moderation stage"):
        assert english not in message.body
    assert edit_link(order) in message.body
    assert f'href="{edit_link(order)}"' in message.alternatives[0][0]

"""«Согласование приказа»: curator review, then the director's sign-off."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry, TaskState, Workflow

from mentoring_wagtail.approvals.routes import ORDER_WORKFLOW
from mentoring_wagtail.models import DirectorSignOffTask, Order, SignOff

from ..approvals_support import denied, login
from ..documents_support import make_document, make_order
from ..module_state import built_once

pytestmark = pytest.mark.django_db


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once()


@pytest.fixture
def order(users):
    order = make_order(
        number="", live=False, draft_file=make_document("Проект", filename="p.pdf")
    )
    order.save_revision(user=users["secretary"])
    return order


def submit(order, user):
    workflow = order.get_workflow()
    assert workflow.name == ORDER_WORKFLOW
    workflow.start(order, user)
    order.refresh_from_db()
    return order


def action_url(order, action):
    state = order.current_workflow_task_state
    return reverse(
        "wagtailsnippets_mentoring_wagtail_order:workflow_action",
        args=[order.pk, action, state.pk],
    )


def add_scan_and_number(order, user, number="12-ОД"):
    latest = order.get_latest_revision_as_object()
    latest.number = number
    latest.signed_scan = make_document("Скан подписанного приказа")
    latest.save_revision(user=user)


def test_submission_mails_the_curators(
    users, order, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit(order, users["secretary"])
    recipients = {address for message in mail.outbox for address in message.to}
    assert users["curator"].email in recipients
    assert users["mentor"].email not in recipients


def test_curator_approves_then_the_order_waits_for_the_director(
    client, users, order, django_capture_on_commit_callbacks
):
    submit(order, users["secretary"])
    login(client, users["curator"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action_url(order, "approve"), {"comment": ""})
    # The sign-off step notifies its reviewers like any group approval.
    recipients = {address for message in mail.outbox for address in message.to}
    assert users["director"].email in recipients
    assert users["curator"].email not in recipients
    assert response.status_code == 302
    order.refresh_from_db()
    assert isinstance(order.current_workflow_task, DirectorSignOffTask)
    assert not order.live


def test_curator_rejection_with_comment_is_in_the_history(client, users, order):
    submit(order, users["secretary"])
    login(client, users["curator"])
    client.post(action_url(order, "reject"), {"comment": "Уточните пункт 3"})
    entry = ModelLogEntry.objects.get(
        object_id=str(order.pk), action="wagtail.workflow.reject"
    )
    assert entry.user == users["curator"]
    assert entry.data["comment"] == "Уточните пункт 3"


def test_director_cannot_sign_without_scan_and_number(client, users, order):
    submit(order, users["secretary"])
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, users["curator"], "approve"
    )
    order.refresh_from_db()
    task = order.current_workflow_task
    assert [name for name, *_ in task.get_actions(order, users["director"])] == [
        "reject"
    ]
    login(client, users["director"])
    assert denied(client.post(action_url(order, "approve"), {}))
    # The editor tells the director why.
    edit = client.get(
        reverse("wagtailsnippets_mentoring_wagtail_order:edit", args=[order.pk])
    )
    assert edit.status_code == 200
    assert "the signed scan is not attached" in edit.text or "скан" in edit.text
    order.refresh_from_db()
    assert not order.live
    assert not SignOff.objects.exists()
    assert TaskState.objects.filter(status="in_progress").count() == 1


def test_on_action_refuses_even_when_called_directly(users, order):
    submit(order, users["secretary"])
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, users["curator"], "approve"
    )
    order.refresh_from_db()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        order.current_workflow_task.on_action(
            order.current_workflow_task_state, users["director"], "approve"
        )


def test_director_signs_once_scan_and_number_are_there(client, users, order):
    submit(order, users["secretary"])
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, users["curator"], "approve"
    )
    order.refresh_from_db()
    add_scan_and_number(order, users["secretary"])
    login(client, users["director"])
    response = client.post(action_url(order, "approve"), {"comment": "Подписано"})
    assert response.status_code == 302
    order = Order.objects.get(pk=order.pk)
    assert order.live
    assert order.number == "12-ОД"
    sign_off = SignOff.for_object(order).get()
    assert sign_off.signed_by == users["director"]
    assert sign_off.number == "12-ОД"
    client.force_login(users["secretary"])
    sheet_page = client.get(
        reverse(
            "mentoring_familiarisation:object",
            args=["mentoring_wagtail", "order", order.pk],
        )
    ).text
    signed = sheet_page.split("data-sign-off>", 1)[1].split("</p>", 1)[0]
    assert "Director" in signed and "12-ОД" in signed
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(order.pk)).values_list(
            "action", flat=True
        )
    )
    assert {
        "mentoring_wagtail.sign_off",
        "wagtail.workflow.approve",
        "wagtail.publish",
    } <= actions


@pytest.mark.parametrize("role", ["curator", "secretary", "methodologist", "mentor"])
def test_nobody_but_the_director_signs(client, users, order, role):
    submit(order, users["secretary"])
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, users["curator"], "approve"
    )
    order.refresh_from_db()
    add_scan_and_number(order, users["secretary"])
    login(client, users[role])
    assert denied(client.post(action_url(order, "approve"), {}))
    assert not Order.objects.get(pk=order.pk).live


def test_sign_off_task_is_created_through_the_workflow_admin(client, users):
    from django.contrib.auth.models import Group

    admin = users["director"].__class__.objects.create_superuser(
        "root", "root@school.example", "password"
    )
    client.force_login(admin)
    url = reverse(
        "wagtailadmin_workflows:add_task",
        args=["mentoring_wagtail", "directorsignofftask"],
    )
    assert client.get(url).status_code == 200
    director = Group.objects.get(name="Директор")
    response = client.post(
        url,
        {
            "name": "Подпись заместителя",
            "groups": [director.pk],
            "require_number": "on",
        },
    )
    assert response.status_code == 302
    task = DirectorSignOffTask.objects.get(name="Подпись заместителя")
    assert list(task.groups.all()) == [director]
    assert task.require_number and not task.require_signed_scan


def test_setup_is_idempotent_and_keeps_a_sites_own_assignment(users):
    from wagtail.models import WorkflowContentType

    assert Workflow.objects.filter(name=ORDER_WORKFLOW).count() == 1
    workflow = Workflow.objects.get(name=ORDER_WORKFLOW)
    assert [t.specific.__class__.__name__ for t in workflow.tasks] == [
        "GroupApprovalTask",
        "DirectorSignOffTask",
    ]
    own = Workflow.objects.create(name="Своя схема")
    WorkflowContentType.objects.filter(workflow=workflow).update(workflow=own)
    from mentoring_wagtail.setup.steps import run_setup

    results = run_setup()
    assert not any(r.created for r in results)
    assert Workflow.objects.filter(name=ORDER_WORKFLOW).count() == 1
    assert Order().get_workflow() == own


def test_site_history_filters_sign_offs(client, users, order):
    submit(order, users["secretary"])
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, users["curator"], "approve"
    )
    order.refresh_from_db()
    add_scan_and_number(order, users["secretary"])
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, users["director"], "approve"
    )
    admin = type(users["director"]).objects.create_superuser("root", "r@x.example", "x")
    client.force_login(admin)
    response = client.get(
        reverse("wagtailadmin_reports:site_history"),
        {"action": "mentoring_wagtail.sign_off"},
    )
    assert response.status_code == 200
    filtered = response.text.count("12-ОД")
    everything = client.get(reverse("wagtailadmin_reports:site_history")).text
    assert 1 <= filtered < everything.count("12-ОД")
    assert "12-ОД" in response.text.split("<tbody", 1)[1]

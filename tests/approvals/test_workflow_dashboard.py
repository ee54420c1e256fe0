"""Execution control on the admin's home page, for curators and the director."""

import pytest
from django.urls import reverse

from mentoring_wagtail.access.permissions import make_responsible_for_page
from mentoring_wagtail.approvals.routes import ORDER_WORKFLOW
from mentoring_wagtail.roadmaps.interchange import Activity, Roadmap, Stage
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page

from ..documents_support import make_order
from ..module_state import built_once

pytestmark = pytest.mark.django_db


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once()


@pytest.fixture
def roadmap(mentoring_section):
    activities = [
        Activity(
            number="1.1", title="Издать приказ о кураторе", deadline="До 10 апреля 2020"
        ),
        Activity(number="1.2", title="Отчёт за 2099 год", deadline="Сентябрь 2099"),
    ]
    data = Roadmap(
        title="Дорожная карта",
        year="2019/2020",
        stages=[Stage(title="Этап 1", activities=activities)],
    )
    return create_roadmap_page(mentoring_section, data, publish=True)


@pytest.fixture
def order_at_signature(users, mentoring_section):
    order = make_order(site=mentoring_section.get_site(), live=False, title="О парах")
    order.save_revision(user=users["secretary"])
    from wagtail.models import Workflow

    Workflow.objects.get(name=ORDER_WORKFLOW).start(order, users["secretary"])
    order.refresh_from_db()
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, users["curator"], "approve"
    )
    return order


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.text


def section(text, marker):
    return text.split(marker, 1)[1].split("</", 1)[0] if marker in text else ""


@pytest.mark.parametrize("role", ["curator", "director"])
def test_execution_panel_lists_overdue_and_awaiting_signature(
    client, users, roadmap, order_at_signature, role
):
    if role == "curator":
        # A curator sees the roadmaps they are responsible for.
        make_responsible_for_page(users["curator"], roadmap)
    text = home(client, users[role])
    assert "data-mentoring-execution" in text
    due = text.split("data-due-activities", 1)[1].split("</table>", 1)[0]
    assert "Издать приказ о кураторе" in due
    assert "Отчёт за 2099 год" not in due
    awaiting = text.split("data-awaiting-signature", 1)[1].split("</ul>", 1)[0]
    assert "О парах" in awaiting


def test_the_director_sees_the_order_waiting_in_their_step_once(
    client, users, order_at_signature
):
    text = home(client, users["director"])
    awaiting = text.split("data-awaiting-signature", 1)[1].split("</ul>", 1)[0]
    assert "О парах" in awaiting
    # Not repeated by Wagtail's «В ожидании вашего отзыва».
    assert text.count("О парах") == 1


@pytest.mark.parametrize("role", ["mentor", "secretary", "site_editor"])
def test_others_do_not_get_the_execution_panel(client, users, roadmap, role):
    assert "data-mentoring-execution" not in home(client, users[role])


def test_the_horizon_is_a_setting(client, users, roadmap, settings):
    settings.MENTORING_WAGTAIL_DASHBOARD_DUE_WITHIN_DAYS = 365 * 100
    text = home(client, users["director"])
    due = text.split("data-due-activities", 1)[1].split("</table>", 1)[0]
    assert "Отчёт за 2099 год" in due

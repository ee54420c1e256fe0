"""Familiarisation: staff acknowledge an order; the order shows who has read it."""

import io

import docx
import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from mentoring_wagtail.models import Acknowledgement

from ..approvals_support import denied, make_user
from ..documents_support import make_order
from ..module_state import built_once

pytestmark = pytest.mark.django_db


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once()


@pytest.fixture
def order(users, mentoring_section):
    return make_order(site=mentoring_section.get_site(), number="7-ОД", live=True)


def page_url(order, name="object"):
    return reverse(
        f"mentoring_familiarisation:{name}",
        args=["mentoring_wagtail", "order", order.pk],
    )


def test_secretary_asks_a_group_and_teachers_see_it_on_their_dashboard(
    client, users, order
):
    teacher_a = make_user("ivanova", "mentor", first_name="Анна", last_name="Иванова")
    teacher_b = make_user("petrov", "mentor", first_name="Пётр", last_name="Петров")
    client.force_login(users["secretary"])
    from django.contrib.auth.models import Group

    mentors = Group.objects.get(name="Наставник")
    response = client.post(page_url(order), {"groups": [mentors.pk]})
    assert response.status_code == 302
    asked = set(
        Acknowledgement.objects.for_object(order).values_list(
            "user__username", flat=True
        )
    )
    assert {"ivanova", "petrov", "mentor"} <= asked
    assert ModelLogEntry.objects.filter(
        object_id=str(order.pk), action="mentoring_wagtail.familiarisation_requested"
    ).exists()

    client.force_login(teacher_a)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert "data-mentoring-acknowledgements" in dashboard.text
    assert "7-ОД" in dashboard.text
    row = Acknowledgement.objects.get(user=teacher_a)
    response = client.post(
        reverse("mentoring_familiarisation:acknowledge", args=[row.pk]),
        {"next": reverse("wagtailadmin_home")},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.acknowledged_at is not None
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "data-mentoring-acknowledgements" not in dashboard.text
    assert ModelLogEntry.objects.filter(
        object_id=str(order.pk), action="mentoring_wagtail.acknowledge", user=teacher_a
    ).exists()

    client.force_login(users["secretary"])
    listing = client.get(page_url(order))
    done = listing.text.split("data-familiarisation-done")[1].split("</table>")[0]
    pending = listing.text.split("data-familiarisation-pending")[1].split("</table>")[0]
    assert "Анна Иванова" in done
    assert "Пётр Петров" in pending and "Пётр Петров" not in done
    assert teacher_b.pk


def test_nobody_acknowledges_for_someone_else(client, users, order):
    Acknowledgement.require(order, [users["mentor"]], requested_by=users["secretary"])
    row = Acknowledgement.objects.get()
    client.force_login(users["methodologist"])
    response = client.post(
        reverse("mentoring_familiarisation:acknowledge", args=[row.pk])
    )
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.acknowledged_at is None


def test_a_draft_order_cannot_be_acknowledged_yet(client, users, mentoring_section):
    draft = make_order(site=mentoring_section.get_site(), live=False)
    Acknowledgement.require(draft, [users["mentor"]])
    row = Acknowledgement.objects.get()
    client.force_login(users["mentor"])
    assert (
        "data-mentoring-acknowledgements"
        not in client.get(reverse("wagtailadmin_home")).text
    )
    client.post(reverse("mentoring_familiarisation:acknowledge", args=[row.pk]))
    row.refresh_from_db()
    assert row.acknowledged_at is None


def test_sheet_is_a_word_document_with_everyone_and_their_dates(client, users, order):
    reader = make_user("sidorova", "mentor", first_name="Ольга", last_name="Сидорова")
    Acknowledgement.require(
        order, [reader, users["mentor"]], requested_by=users["secretary"]
    )
    Acknowledgement.objects.get(user=reader).acknowledge()
    client.force_login(users["secretary"])
    response = client.get(page_url(order, "sheet"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in sheet.paragraphs)
    assert "7-ОД" in text
    rows = [[cell.text for cell in row.cells] for row in sheet.tables[0].rows]
    assert len(rows) == 3  # header and two people
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Ольга Сидорова"][2]  # a date
    assert by_name["Mentor Тестова"][2] == ""


@pytest.mark.parametrize("role", ["mentor", "site_editor"])
def test_who_may_not_open_the_order_may_not_see_its_sheet(client, users, order, role):
    Acknowledgement.require(order, [users["curator"]])
    client.force_login(users[role])
    if role == "mentor":
        assert denied(client.get(page_url(order)))
        assert denied(client.get(page_url(order, "sheet")))
    else:
        # Viewing is allowed, asking others is not.
        assert client.get(page_url(order)).status_code == 200
        client.post(page_url(order), {"users": [users[role].pk]})
        assert not Acknowledgement.objects.filter(user=users[role]).exists()

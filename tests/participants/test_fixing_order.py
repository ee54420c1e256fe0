"""«Сформировать приказ о закреплении наставнических пар» and its .docx appendix."""

import datetime
import io

import docx
import pytest
from django.urls import reverse
from wagtail.models import CollectionViewRestriction

from mentoring_wagtail.models import Order
from tests.approvals_support import denied, login, make_user, setup_roles
from tests.documents_support import pdf_bytes, publish_obj

from .support import TODAY, make_group, make_mentee, make_mentor, upload_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(mentoring_section):
    setup_roles()
    return make_user("secretary", "secretary")


@pytest.fixture
def groups():
    first = make_group(
        make_mentor(last_name="Наставникова", position="учитель математики"),
        mentees=[make_mentee(last_name="Первова"), make_mentee(last_name="Второва")],
        planned_end=datetime.date(2026, 5, 31),
    )
    hidden = make_mentee(last_name="Отозванова")
    second = make_group(
        make_mentor(last_name="Учителев"),
        mentees=[make_mentee(last_name="Третьякова"), hidden],
        status="forming",
    )
    consent = hidden.person.consents.get()
    consent.withdrawn_on = TODAY
    consent.save()
    make_group(make_mentor(last_name="Закончилов"), status="finished")
    return first, second


def appendix(order):
    with order.draft_file.file.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    table = document.tables[-1]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_order_is_drafted_with_its_appendix(client, secretary, groups):
    first, second = groups
    login(client, secretary)
    listing = client.get(reverse("mentoring_groups:index")).text
    url = reverse("mentoring_fixing_order:draft")
    assert url in listing
    page = client.get(url).text
    assert "Наставникова" in page and "Учителев" in page
    assert "Закончилов" not in page and "Отозванова" not in page

    response = client.post(
        url, {"groups": [first.pk, second.pk], "date": TODAY.isoformat()}
    )
    order = Order.objects.get(kind="pairs")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailsnippets_mentoring_wagtail_order:edit", args=[order.pk]
    )
    assert not order.live and order.date == TODAY
    assert "закреплении наставнических пар" in order.title
    rows = appendix(order)
    assert rows[0] == [
        "№",
        "Наставник",
        "Наставляемые",
        "Форма наставничества",
        "Сроки",
    ]
    assert rows[1][1].startswith("Наставникова") and "учитель математики" in rows[1][1]
    assert "Первова" in rows[1][2] and "Второва" in rows[1][2]
    assert rows[1][3] == first.form.name and "31.05.2026" in rows[1][4]
    assert "Третьякова" in rows[2][2] and "Отозванова" not in rows[2][2]
    # The draft names children: it lives in a collection only named roles open.
    assert CollectionViewRestriction.objects.filter(
        collection=order.draft_file.collection
    ).exists()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.fixing_order == order and second.fixing_order == order
    # Fixed groups are not offered again.
    assert "Наставникова" not in client.get(url).text


def test_groups_show_the_order_once_it_is_in_force(client, secretary, groups):
    first, _second = groups
    login(client, secretary)
    client.post(
        reverse("mentoring_fixing_order:draft"),
        {"groups": [first.pk], "date": TODAY.isoformat()},
    )
    order = Order.objects.get(kind="pairs")
    first.refresh_from_db()
    assert not first.fixing_order_in_force()
    listing = client.get(reverse("mentoring_groups:index")).text
    assert order.title in listing  # shown as a draft

    order.number = "77-ОД"
    order.signed_scan = upload_document(pdf_bytes("Приказ"), "order.pdf")
    order.save()
    publish_obj(order)
    first.refresh_from_db()
    assert first.fixing_order_in_force()
    listing = client.get(reverse("mentoring_groups:index")).text
    assert "77-ОД" in listing


def test_refused_without_choice_and_to_those_who_cannot_add_orders(
    client, secretary, groups
):
    login(client, secretary)
    url = reverse("mentoring_fixing_order:draft")
    response = client.post(url, {"date": TODAY.isoformat()})
    assert response.status_code == 200
    assert not Order.objects.exists()
    for role in ("curator", "mentor", "methodologist"):
        login(client, make_user(role, role))
        assert url not in client.get(reverse("mentoring_groups:index")).text
        assert denied(client.get(url))
        assert denied(client.post(url, {"groups": [groups[0].pk]}))
    assert not Order.objects.exists()

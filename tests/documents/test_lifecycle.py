"""The lifecycle status in the listing, its filter, the export and inspect.

Each state is reached the way the school reaches it (a draft, a submission to
the order route, the curator's approval, a rejection, the director's
signature, a revocation, an expiry or a newer edition); the object's own
answer and the listing's SQL answer must agree.
"""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from mentoring_wagtail.documents.lifecycle import (
    DRAFT,
    EXPIRED,
    IN_FORCE,
    IN_REVIEW,
    NEEDS_CHANGES,
    REVOKED,
    SIGNING,
    filter_by_lifecycle,
    with_lifecycle,
)
from mentoring_wagtail.models import Order, Regulation

from ..approvals_support import login
from ..documents_support import TODAY, make_document, make_order, publish_obj
from ..module_state import built_once

pytestmark = pytest.mark.django_db


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once()


def submitted(user, **fields):
    order = make_order(number="", **fields)
    order.save_revision(user=user)
    order.get_workflow().start(order, user)
    order.refresh_from_db()
    return order


def approve_step(order, user):
    order.current_workflow_task_state.approve(user=user)
    order.refresh_from_db()
    return order


@pytest.fixture
def orders(users):
    secretary, curator = users["secretary"], users["curator"]
    draft = make_order(title="Черновик приказа")
    review = submitted(secretary, title="На согласовании у куратора")
    signing = approve_step(submitted(secretary, title="У директора"), curator)
    returned = submitted(secretary, title="Возвращён")
    returned.current_workflow_task_state.reject(user=curator)
    returned.refresh_from_db()
    in_force = make_order(title="Действующий", number="1-ОД", publish=True)
    revoked = make_order(title="Отменённый", number="2-ОД", publish=True)
    Order.objects.filter(pk=revoked.pk).update(
        revoked_on=TODAY - datetime.timedelta(days=1)
    )
    expired = make_order(
        title="Срок истёк",
        number="3-ОД",
        publish=True,
        valid_until=TODAY - datetime.timedelta(days=2),
    )
    return {
        DRAFT: draft,
        IN_REVIEW: review,
        SIGNING: signing,
        NEEDS_CHANGES: returned,
        IN_FORCE: in_force,
        REVOKED: revoked,
        EXPIRED: expired,
    }


def test_each_state_is_read_alike_by_the_object_and_by_sql(orders):
    annotated = {o.pk: o._lifecycle for o in with_lifecycle(Order.objects.all())}
    for status, order in orders.items():
        fresh = Order.objects.get(pk=order.pk)
        assert fresh.lifecycle == status, (order.title, fresh.lifecycle)
        assert annotated[order.pk] == status, (order.title, annotated[order.pk])
        assert list(
            filter_by_lifecycle(Order.objects.all(), status).values_list(
                "pk", flat=True
            )
        ) == [order.pk]


def test_labels_name_the_state_and_the_current_step(orders):
    labels = {s: Order.objects.get(pk=o.pk).lifecycle_label for s, o in orders.items()}
    assert labels[DRAFT] == "Черновик"
    assert labels[IN_REVIEW] == "На согласовании: Проверка куратором"
    assert labels[SIGNING] == "На подписании"
    assert labels[NEEDS_CHANGES] == "На доработке"
    assert labels[IN_FORCE] == "Действует"
    assert labels[REVOKED] == "Отменён"
    assert labels[EXPIRED] == "Утратил силу"


def test_a_superseded_edition_is_no_longer_in_force(mentoring_section):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    old = Regulation(site=site, title="Положение", date=TODAY.replace(day=1))
    old.save()
    publish_obj(old)
    new = Regulation(site=site, title="Положение (ред. 2)", date=TODAY, supersedes=old)
    new.save()
    assert Regulation.objects.get(pk=old.pk).lifecycle == IN_FORCE
    publish_obj(new)
    assert Regulation.objects.get(pk=old.pk).lifecycle == EXPIRED
    assert filter_by_lifecycle(Regulation.objects.all(), EXPIRED).get() == old
    assert Regulation.objects.get(pk=new.pk).lifecycle_label == "Действует"


def listing_url():
    return reverse(Order.snippet_viewset.get_url_name("list"))


def test_the_listing_shows_and_filters_the_lifecycle(client, users, orders):
    login(client, users["secretary"])
    response = client.get(listing_url())
    text = response.content.decode()
    for label in ("Черновик", "На согласовании: Проверка куратором", "На подписании"):
        assert label in text
    response = client.get(listing_url(), {"status": DRAFT})
    rows = list(response.context["object_list"])
    assert rows == [orders[DRAFT]]
    response = client.get(listing_url(), {"status": SIGNING})
    assert list(response.context["object_list"]) == [orders[SIGNING]]


def test_the_listing_makes_as_many_queries_for_one_order_as_for_many(
    client, users, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, users["secretary"])
    submitted(users["secretary"], title="Один")
    client.get(listing_url())
    with CaptureQueriesContext(connection) as one:
        client.get(listing_url())
    for n in range(6):
        submitted(users["secretary"], title=f"Ещё {n}")
        make_order(title=f"Действующий {n}", number=f"{n + 10}-ОД", publish=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get(listing_url())
    assert len(response.context["object_list"]) == 13
    assert len(many) == len(one)


def test_the_csv_export_has_the_lifecycle(client, users, orders):
    login(client, users["secretary"])
    response = client.get(listing_url(), {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    # The package's CSV for Russian Excel: «;» between fields (docs/features/papers.md).
    rows = {row[2]: row for row in csv.reader(io.StringIO(content), delimiter=";")}
    header = next(csv.reader(io.StringIO(content), delimiter=";"))
    status_column = [h.lower() for h in header].index("статус")
    assert rows["Черновик приказа"][status_column] == "Черновик"
    assert rows["У директора"][status_column] == "На подписании"
    assert rows["Действующий"][status_column] == "Действует"
    assert rows["Отменённый"][status_column] == "Отменён"


def test_inspect_reads_as_words_and_dates(client, users):
    login(client, users["secretary"])
    order = make_order(
        title="Для просмотра",
        number="5-ОД",
        signed_scan=make_document("Скан"),
        publish=True,
    )
    response = client.get(
        reverse(Order.snippet_viewset.get_url_name("inspect"), args=[order.pk])
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Действует" in text
    for raw in (">True<", ">False<", ">None<", "+00:00", str(order.date.year) + "-"):
        assert raw not in text, raw
    import re

    assert not re.search(r"\d\d:\d\d:\d\d\.\d{6}", text)


def test_the_edit_view_offers_no_publish_that_would_be_refused(
    client, users, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("boss", "", "pw"))
    without_scan = make_order(title="Без скана", number="8-ОД")
    without_scan.save_revision(user=users["secretary"])
    edit = Order.snippet_viewset.get_url_name("edit")
    response = client.get(reverse(edit, args=[without_scan.pk]))
    assert response.status_code == 200
    assert 'name="action-publish"' not in response.content.decode()
    with_scan = make_order(
        title="Со сканом", number="9-ОД", signed_scan=make_document("Скан")
    )
    with_scan.save_revision(user=users["secretary"])
    response = client.get(reverse(edit, args=[with_scan.pk]))
    assert 'name="action-publish"' in response.content.decode()

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, close_old_connections, connection, transaction
from wagtail.models import Site

from mentoring_wagtail.documents.numbering import parse_seq, suggest_number
from mentoring_wagtail.models import Order, OrderJournal

from ..documents_support import make_order


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


def register(order):
    with transaction.atomic():
        order.register()
        order.save()
    return order.number


def test_numbers_follow_the_pattern_and_the_journal(site):
    first = make_order(site)
    second = make_order(site)
    assert suggest_number(site, "implementation", first.date) == "1-ОД"
    assert register(first) == "1-ОД"
    assert register(second) == "2-ОД"
    assert suggest_number(site, "implementation", first.date) == "3-ОД"
    assert OrderJournal.objects.get(site=site).last_seq == 2


def test_sequence_restarts_every_year(site, settings):
    settings.MENTORING_WAGTAIL_ORDER_NUMBER_PATTERN = "{seq}/{year}"
    old = make_order(site, date=datetime.date(2024, 12, 30))
    new = make_order(site, date=datetime.date(2025, 1, 9))
    register(make_order(site, date=datetime.date(2024, 12, 29)))
    assert register(old) == "2/2024"
    assert register(new) == "1/2025"


def test_organisation_pattern_overrides_the_setting(site):
    from mentoring_wagtail.models import OrganisationSettings

    OrganisationSettings.objects.update_or_create(
        site=site, defaults={"order_number_pattern": "{seq:02d}-о"}
    )
    assert register(make_order(site)) == "01-о"


def test_a_typed_number_moves_the_journal_past_it(site):
    from mentoring_wagtail.documents.numbering import note_manual_number

    typed = make_order(site, number="7-ОД")
    note_manual_number(typed)
    assert register(make_order(site)) == "8-ОД"


def test_the_journal_skips_a_number_already_typed_by_hand(site):
    make_order(site, number="1-ОД")  # typed, journal not told
    assert register(make_order(site)) == "2-ОД"


def test_a_duplicate_number_is_refused_with_a_clear_message(site):
    make_order(site, number="5-ОД")
    duplicate = Order(
        site=site, title="О закреплении пар", date=make_order(site).date, number="5-ОД"
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "number" in error.value.message_dict
    assert "5-ОД" in error.value.message_dict["number"][0]


def test_the_same_number_in_another_year_is_allowed(site):
    make_order(site, number="5-ОД", date=datetime.date(2024, 3, 1))
    other = Order(site=site, title="О …", date=datetime.date(2025, 3, 1), number="5-ОД")
    other.full_clean()


def test_the_database_refuses_a_duplicate_too(site):
    make_order(site, number="9-ОД")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_order(site, number="9-ОД")


def test_parse_seq_reads_numbers_back():
    assert parse_seq("{seq}-ОД", "12-ОД", year=2025) == 12
    assert parse_seq("{seq}/{year}", "3/2025", year=2025) == 3
    assert parse_seq("{seq}/{year}", "3/2024", year=2025) is None
    assert parse_seq("{seq:03d}-о", "007-о", year=2025) == 7


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_share_a_number():
    """Eight secretaries register at once, each in her own transaction."""
    site = Site.objects.get(is_default_site=True)
    orders = [make_order(site, title=f"О поощрении {i}") for i in range(8)]
    barrier = threading.Barrier(len(orders))
    numbers, errors = [], []

    def secretary(order_pk):
        try:
            order = Order.objects.get(pk=order_pk)
            barrier.wait(timeout=10)
            with transaction.atomic():
                order.register()
                order.save()
            numbers.append(order.number)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=secretary, args=(o.pk,)) for o in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert sorted(numbers, key=lambda n: int(n.split("-")[0])) == [
        f"{i}-ОД" for i in range(1, 9)
    ]
    assert OrderJournal.objects.get(site=site).last_seq == 8

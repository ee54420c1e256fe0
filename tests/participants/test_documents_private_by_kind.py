"""Files naming people are private by what they are, whatever points to them.

A signed order fixing pairs names mentors and mentees even when no group
was linked to it (typed in by hand); a consent scan or a mentor's course
certificate names their person whichever collection it was filed in. None
of them reaches a visitor.
"""

import pytest

from mentoring_wagtail.documents.serving import may_open_document
from mentoring_wagtail.models import Order, OrderKind
from mentoring_wagtail.participants.models import MentorCourse
from tests.approvals_support import setup_roles
from tests.documents_support import (
    make_document,
    make_site_tree,
    pdf_bytes,
    publish_obj,
)

from .support import TODAY, give_consent, make_mentor, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    setup_roles()
    return make_site_tree()[0]


def test_a_pairs_order_without_groups_keeps_its_scan_from_visitors(site):
    scan = make_document("Скан приказа", pdf_bytes("Малолеткина"), "prikaz.pdf")
    order = Order.objects.create(
        site=site,
        kind=OrderKind.PAIRS,
        title="О закреплении наставнических пар",
        date=TODAY,
        number="78-ОД",
        signed_scan=scan,
    )
    publish_obj(order)
    assert not may_open_document(None, scan)
    # Another kind of order, same file rules otherwise: public once in force.
    other_scan = make_document("Скан", pdf_bytes("Положение"), "polozhenie.pdf")
    other = Order.objects.create(
        site=site,
        kind=OrderKind.IMPLEMENTATION,
        title="О внедрении целевой модели",
        date=TODAY,
        number="79-ОД",
        signed_scan=other_scan,
    )
    publish_obj(other)
    assert may_open_document(None, other_scan)


def test_consent_scans_and_certificates_stay_private_whatever_points_to_them(site):
    person = make_person(kind="teacher", consent=False)
    scan = make_document("Согласие", pdf_bytes("Согласие"), "soglasie.pdf")
    give_consent(person, publication=True, scan=scan)
    mentor = make_mentor(last_name="Наставникова")
    certificate = make_document("Удостоверение", pdf_bytes("Курс"), "kurs.pdf")
    MentorCourse.objects.create(
        mentor=mentor, title="Курс", hours=72, year=2024, certificate=certificate
    )
    # Even filed by mistake as the scan of an order in force.
    for number, document in enumerate((scan, certificate), start=80):
        order = Order.objects.create(
            site=site,
            kind=OrderKind.IMPLEMENTATION,
            title=f"Приказ {number}",
            date=TODAY,
            number=f"{number}-ОД",
            signed_scan=document,
        )
        publish_obj(order)
        assert not may_open_document(None, document), document.title

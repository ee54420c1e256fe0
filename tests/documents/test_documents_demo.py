"""The demo school's documents: realistic, published, idempotent, downloadable."""

import pytest
from demo.loaders import documents as documents_loader
from demo.school import ensure_school
from wagtail.documents import get_document_model

from mentoring_wagtail.documents.validators import validate_stored_document
from mentoring_wagtail.models import (
    DocumentRegistryPage,
    MentoringProgramme,
    Order,
    ProgrammeDocument,
    Regulation,
)
from mentoring_wagtail.setup.steps import run_setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    run_setup()
    return ensure_school()


def counts():
    return tuple(
        model.objects.count()
        for model in (
            Order,
            Regulation,
            MentoringProgramme,
            ProgrammeDocument,
            get_document_model(),
            DocumentRegistryPage,
        )
    )


def test_loads_twice_without_change(school):
    documents_loader.load(*school)
    before = counts()
    documents_loader.load(*school)
    assert counts() == before
    assert before[0] == 8 and before[1] == 2


def test_demo_records_are_sound_and_published(
    school, client, django_capture_on_commit_callbacks
):
    site, section, users = school
    # As load_demo_school does: the files' text is read after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        documents_loader.load(site, section, users)
    live_orders = Order.objects.filter(live=True)
    assert live_orders.count() == 7
    assert all(order.signed_scan_id and order.number for order in live_orders)
    draft = Order.objects.get(live=False)
    assert draft.number == ""
    for document in get_document_model().objects.all():
        validate_stored_document(document)

    old, new = Regulation.objects.order_by("edition")
    assert old.get_status() == "expired" and new.get_status() == "in_force"
    assert Order.objects.get(number="41-ОД").get_status() == "revoked"
    assert "наставничеств" in new.file_text.lower()

    registry = DocumentRegistryPage.objects.get()
    response = client.get(registry.url)
    assert response.status_code == 200
    assert "О внедрении целевой модели наставничества" in response.text
    assert "О проведении конкурса" not in response.text
    order = Order.objects.get(number="21-ОД")
    page = client.get(registry.url + f"orders/{order.pk}/")
    assert "Программа наставничества МБОУ СШ № 7" in page.text
    assert client.get(order.signed_scan.url).status_code == 200


def test_the_journal_continues_after_the_demo_orders(school):
    documents_loader.load(*school)
    site = school[0]
    draft = Order.objects.get(site=site, live=False)
    assert draft.suggest_number() == "116-ОД"

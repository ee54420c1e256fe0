"""The order fixing mentoring pairs never shows minors' names to visitors.

Its appendix lists mentors and mentees: once the order is signed and
published, the registry shows its requisites but not its file (nor the
draft, nor the text of the appendix in search) unless every person it names
consented to publication; staff with rights still open it. The core's
«Сформировать .docx» keeps the appendix.
"""

import io

import docx
import pytest
from django.test import TestCase
from django.urls import reverse

from mentoring_wagtail.background.models import BackgroundJob
from mentoring_wagtail.documents.serving import may_open_document
from mentoring_wagtail.participants.admin.fixing_order import candidate_groups
from mentoring_wagtail.participants.fixing_order import draft_fixing_order
from tests.approvals_support import login, make_user, setup_roles
from tests.documents_support import (
    make_document,
    make_site_tree,
    pdf_bytes,
    publish_obj,
)
from tests.module_state import fresh_all, module_db_state, start_from

from .support import TODAY, give_consent, make_group, make_mentee, make_mentor

pytestmark = pytest.mark.django_db

NOTE = "содержит персональные данные"


def build_tree_and_order():
    setup_roles()
    tree = make_site_tree()
    site, _section, _registry = tree
    secretary = make_user("secretary", "secretary")
    group = make_group(
        make_mentor(last_name="Наставникова"),
        mentees=[make_mentee(last_name="Малолеткина")],
    )
    groups = candidate_groups().filter(pk=group.pk)
    # The files' text is read by a background job after the commit: run it,
    # so that the search below would find a name it had let through.
    with TestCase.captureOnCommitCallbacks(execute=True):
        order = draft_fixing_order(groups, secretary, site, date=TODAY)
        order.number = "77-ОД"
        order.signed_scan = make_document(
            "Скан приказа о парах", pdf_bytes("Малолеткина"), "prikaz-pary.pdf"
        )
        order.save()
        publish_obj(order)
    job = BackgroundJob.objects.get(
        key=f"file-text:mentoring_wagtail.order:{order.pk}:{order.draft_file_id}"
    )
    assert job.state == "done"
    return tree, (order, group)


# Built once for the module; each test starts from it (tests/module_state.py).
_built = module_db_state(build_tree_and_order)


@pytest.fixture
def built(_built, db, media_root):
    return fresh_all(start_from(_built, media_root))


@pytest.fixture
def tree(built):
    return built[0]


@pytest.fixture
def signed_order(built):
    return built[1]


def test_visitors_see_the_requisites_but_never_the_file(client, tree, signed_order):
    _site, _section, registry = tree
    order, _group = signed_order
    scan, draft = order.signed_scan, order.draft_file
    assert order.live

    listing = client.get(registry.url).text
    assert "77-ОД" in listing and order.title in listing
    detail = client.get(registry.url + f"orders/{order.pk}/")
    assert detail.status_code == 200
    html = detail.text
    assert "77-ОД" in html and order.title in html
    assert NOTE in html
    for leak in (scan.url, scan.title, draft.url, draft.title, "Малолеткина"):
        assert leak not in html and leak not in listing

    # The appendix's text is not searchable by a child's name.
    found = client.get(registry.url, {"q": "Малолеткина"}).text
    assert order.title not in found
    assert "Малолеткина" not in order.file_text

    for document in (scan, draft):
        response = client.get(document.url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "login" in response["Location"]
        assert not may_open_document(None, document)


def test_staff_with_rights_still_open_it(client, signed_order):
    order, _group = signed_order
    secretary = make_user("secretary2", "secretary")
    login(client, secretary)
    response = client.get(order.signed_scan.url)
    assert response.status_code == 200
    assert may_open_document(secretary, order.signed_scan)
    nobody = make_user("nobody", None)
    assert not may_open_document(nobody, order.signed_scan)


def test_public_once_everyone_named_consented_to_publication(
    client, tree, signed_order
):
    _site, _section, registry = tree
    order, group = signed_order
    give_consent(group.mentor.person, publication=True)
    assert not may_open_document(None, order.signed_scan)  # the mentee has not
    for membership in group.memberships.all():
        give_consent(membership.mentee.person, publication=True)
    assert may_open_document(None, order.signed_scan)
    html = client.get(registry.url + f"orders/{order.pk}/").text
    assert order.signed_scan.url in html and NOTE not in html
    # The draft stays in the private collection whatever the consents.
    assert not may_open_document(None, order.draft_file)


def test_the_cores_docx_keeps_the_appendix(client, signed_order):
    order, _group = signed_order
    login(client, make_user("secretary3", "secretary"))
    response = client.get(
        reverse("wagtailsnippets_mentoring_wagtail_order:docx", args=[order.pk])
    )
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    rows = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    assert rows[0][1] == "Наставник"
    assert "Наставникова" in rows[1][1] and "Малолеткина" in rows[1][2]

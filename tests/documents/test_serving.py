"""Rule 3 of issue 9: unpublished files stay inside.

Every way a document is attached to a record (an order's signed scan and Word
draft, the file of a regulation, a programme, another programme document,
roadmap evidence) is tried in every state of the record (draft, under
approval, published, revoked, a draft revision of a published record), by an
anonymous visitor, a user without rights, and users with rights on the record.
The public pages (registry page, roadmap evidence) are checked with the same
answers.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from guardian.shortcuts import assign_perm
from wagtail.models import Collection, CollectionViewRestriction

from mentoring_wagtail.documents.serving import attachment_fields, may_open_document
from mentoring_wagtail.models import (
    MentoringProgramme,
    Order,
    ProgrammeDocument,
    Regulation,
)

from ..approvals_support import make_user, setup_roles
from ..documents_support import (
    TODAY,
    docx_bytes,
    make_document,
    make_order,
    make_site_tree,
    mentoring_collection,
    pdf_bytes,
    publish_obj,
)
from ..module_state import built_once

# Every test starts from the rows built once, in whatever order they run.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built")]


def tree_and_roles():
    return make_site_tree(), setup_roles()


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, tree, users = built_once(tree_and_roles)


@pytest.fixture
def site(tree):
    return tree[0]


def served(client, document):
    """The file's bytes if the download went through, else ``None``."""
    response = client.get(document.url)
    if response.status_code != 200:
        return None
    return b"".join(response.streaming_content)


def opens_for(client, user, document):
    client.logout()
    if user is not None:
        client.force_login(user)
    return served(client, document) is not None


def record_with(model, site, field, document, publish):
    values = {"title": "Запись", "date": TODAY - datetime.timedelta(days=5)}
    if model is Order:
        values["number"] = f"{Order.objects.count() + 1}-ОД"
    record = model.objects.create(site=site, **values, **{field: document})
    return publish_obj(record) if publish else record


def test_every_document_field_of_the_package_is_known():
    # A new model or field attaching a file is decided by the same rule.
    fields = {
        (model.__name__, name, public) for model, name, public in attachment_fields()
    }
    assert {
        ("Order", "signed_scan", True),
        ("Order", "draft_file", False),
        ("Regulation", "file", True),
        ("MentoringProgramme", "file", True),
        ("ProgrammeDocument", "file", True),
    } <= fields


ATTACHMENTS = [
    (Order, "signed_scan", "pdf"),
    (Order, "draft_file", "docx"),
    (Regulation, "file", "pdf"),
    (MentoringProgramme, "file", "docx"),
    (ProgrammeDocument, "file", "pdf"),
]


def _file(kind, name):
    data = pdf_bytes() if kind == "pdf" else docx_bytes("Проект приказа")
    return make_document(name, data, f"{name}.{kind}")


@pytest.mark.parametrize(
    "model, field, kind",
    ATTACHMENTS,
    ids=[f"{m.__name__}.{f}" for m, f, _k in ATTACHMENTS],
)
def test_the_file_of_an_unpublished_record_opens_only_with_rights(
    client, site, users, model, field, kind
):
    document = _file(kind, "draft")
    record = record_with(model, site, field, document, publish=False)
    assert not opens_for(client, None, document)  # anonymous
    assert not opens_for(client, users["mentor"], document)  # no right on it
    assert opens_for(client, users["secretary"], document)  # manages the files
    assert opens_for(client, users["methodologist"], document)  # may view the record
    # An object grant on the record is a right on its files.
    colleague = make_user("colleague")
    assert not opens_for(client, colleague, document)
    assign_perm(f"view_{model._meta.model_name}", colleague, record)
    assert opens_for(client, colleague, document)


@pytest.mark.parametrize(
    "model, field, kind",
    ATTACHMENTS,
    ids=[f"{m.__name__}.{f}" for m, f, _k in ATTACHMENTS],
)
def test_publishing_makes_the_main_file_public_and_never_the_draft(
    client, site, model, field, kind
):
    document = _file(kind, "published")
    record_with(model, site, field, document, publish=True)
    public = field == model.primary_file_field
    assert opens_for(client, None, document) is public
    assert may_open_document(None, document) is public


def test_an_order_under_approval_keeps_its_scan_inside(client, site, users):
    scan = _file("pdf", "scan")
    order = record_with(Order, site, "signed_scan", scan, publish=False)
    order.save_revision(user=users["secretary"])
    order.get_workflow().start(order, users["secretary"])
    order.refresh_from_db()
    assert order.workflow_in_progress
    assert not opens_for(client, None, scan)
    assert opens_for(client, users["director"], scan)


def test_a_revoked_order_keeps_its_scan_public_and_its_draft_inside(client, site):
    scan, draft = _file("pdf", "scan"), _file("docx", "draft")
    order = make_order(site, number="4-ОД", signed_scan=scan, draft_file=draft)
    publish_obj(order)
    Order.objects.filter(pk=order.pk).update(revoked_on=TODAY)
    assert opens_for(client, None, scan)
    assert not opens_for(client, None, draft)


def test_a_revoked_order_never_published_keeps_everything_inside(client, site):
    scan = _file("pdf", "scan")
    make_order(site, number="5-ОД", signed_scan=scan, revoked_on=TODAY)
    assert not opens_for(client, None, scan)


def test_a_new_scan_in_a_draft_of_a_published_order_stays_inside(client, site):
    old, new = _file("pdf", "old"), _file("pdf", "new")
    order = make_order(site, number="6-ОД", signed_scan=old, publish=True)
    order.signed_scan = new
    order.save_revision()  # a draft: the published row keeps the old scan
    assert opens_for(client, None, old)
    assert not opens_for(client, None, new)


def test_unpublishing_takes_the_scan_back_inside(client, site):
    scan = _file("pdf", "scan")
    order = make_order(site, number="7-ОД", signed_scan=scan, publish=True)
    assert opens_for(client, None, scan)
    order.unpublish()
    assert not opens_for(client, None, scan)


def test_ids_are_no_way_in(client, site):
    # Enumerating ids finds only what is public anyway.
    drafts = [_file("pdf", f"scan{i}") for i in range(3)]
    for i, scan in enumerate(drafts):
        make_order(site, number=f"{10 + i}-ОД", signed_scan=scan)
    assert [served(client, scan) for scan in drafts] == [None, None, None]


def test_an_unattached_upload_of_the_mentoring_collection_stays_inside(client, users):
    upload = make_document("Черновик", pdf_bytes(), "upload.pdf")
    assert not opens_for(client, None, upload)
    assert opens_for(client, users["secretary"], upload)


def test_other_collections_keep_wagtails_rules(client):
    other = Collection.get_first_root_node().add_child(name="Новости")
    leaflet = make_document("Буклет", pdf_bytes(), "leaflet.pdf", collection=other)
    assert opens_for(client, None, leaflet)


def test_a_private_collection_keeps_a_published_scan_private(client, site, users):
    private = mentoring_collection().add_child(name="Личные дела")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    scan = make_document("Скан", pdf_bytes(), "private.pdf", collection=private)
    make_order(site, number="8-ОД", signed_scan=scan, publish=True)
    response = client.get(scan.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert not may_open_document(AnonymousUser(), scan)
    assert opens_for(client, users["mentor"], scan)


def test_an_anonymous_refusal_asks_to_log_in_and_a_logged_in_one_is_forbidden(
    client, site, users
):
    scan = _file("pdf", "scan")
    make_order(site, number="9-ОД", signed_scan=scan)
    response = client.get(scan.url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(users["mentor"])
    assert client.get(scan.url).status_code == 403


# Public pages -----------------------------------------------------------


def test_the_registry_page_links_only_a_file_visitors_may_open(client, tree):
    site, _section, registry = tree
    draft = _file("docx", "Проект")
    order = make_order(
        site, number="11-ОД", signed_scan=_file("pdf", "Скан"), draft_file=draft
    )
    publish_obj(order)
    html = client.get(registry.url + f"orders/{order.pk}/").text
    assert order.signed_scan.url in html
    assert draft.url not in html


def test_roadmap_evidence_names_only_files_visitors_may_open(client, tree):
    from wagtail.models import ReferenceIndex

    from mentoring_wagtail.models import RoadmapPage
    from mentoring_wagtail.roadmaps.json_io import create_roadmap_page

    from ..roadmaps.test_roadmap_pages import make_roadmap

    site, section, _registry = tree
    private = mentoring_collection().add_child(name="Только для сотрудников")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    public_scan = _file("pdf", "Скан опубликованного приказа")
    make_order(site, number="12-ОД", signed_scan=public_scan, publish=True)
    draft_docx = _file("docx", "Проект приказа о поощрении")
    make_order(site, number="13-ОД", draft_file=draft_docx, publish=True)
    unpublished_scan = _file("pdf", "Скан неопубликованного приказа")
    make_order(site, number="14-ОД", signed_scan=unpublished_scan)
    staff_only = make_document(
        "Протокол для сотрудников", pdf_bytes(), "staff.pdf", collection=private
    )
    photo_report = _file("pdf", "Фотоотчёт")  # evidence only: public once cited live
    cited = [public_scan, draft_docx, unpublished_scan, staff_only, photo_report]

    page = create_roadmap_page(section, make_roadmap(len(cited)), publish=True)
    page = RoadmapPage.objects.get(pk=page.pk)
    raw = list(page.stages.raw_data)
    for item, document in zip(raw[0]["value"]["activities"], cited, strict=True):
        item["value"]["evidence"] = [
            {"type": "document", "value": document.pk, "id": f"e{document.pk}"}
        ]
    page.stages = raw
    page.save_revision().publish()
    assert ReferenceIndex.get_references_to(photo_report).exists()

    html = client.get(page.url).text
    for shown in (public_scan, photo_report):
        assert shown.title in html and shown.url in html
        assert opens_for(client, None, shown)
        client.logout()
    for hidden in (draft_docx, unpublished_scan, staff_only):
        assert hidden.title not in html and hidden.url not in html
        assert not opens_for(client, None, hidden)
        client.logout()


def test_evidence_of_a_draft_roadmap_stays_inside(client, tree, users):
    from mentoring_wagtail.models import RoadmapPage
    from mentoring_wagtail.roadmaps.json_io import create_roadmap_page

    from ..roadmaps.test_roadmap_pages import make_roadmap

    _site, section, _registry = tree
    photo = _file("pdf", "Фото")
    page = create_roadmap_page(section, make_roadmap(1), publish=False)
    page = RoadmapPage.objects.get(pk=page.pk)
    raw = list(page.stages.raw_data)
    raw[0]["value"]["activities"][0]["value"]["evidence"] = [
        {"type": "document", "value": photo.pk, "id": "e1"}
    ]
    page.stages = raw
    page.save()
    assert not opens_for(client, None, photo)
    assert opens_for(client, users["curator"], photo)


def test_checking_evidence_files_costs_the_same_queries_for_few_and_many(
    client, tree, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mentoring_wagtail.models import RoadmapPage
    from mentoring_wagtail.roadmaps.json_io import create_roadmap_page

    from ..roadmaps.test_roadmap_pages import make_roadmap

    settings.MENTORING_WAGTAIL_ROADMAP_CACHE_TIMEOUT = 0  # build every time
    site, section, _registry = tree
    counts = []
    for size in (2, 8):
        page = create_roadmap_page(section, make_roadmap(size), publish=True)
        page = RoadmapPage.objects.get(pk=page.pk)
        raw = list(page.stages.raw_data)
        for i, item in enumerate(raw[0]["value"]["activities"]):
            scan = _file("pdf", f"Скан {size}-{i}")
            make_order(site, number=f"{size}-{i}", signed_scan=scan, publish=i % 2)
            item["value"]["evidence"] = [
                {"type": "document", "value": scan.pk, "id": f"e{size}-{i}"}
            ]
        page.stages = raw
        page.save_revision().publish()
        client.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(page.url).text
        counts.append(len(queries))
        assert html.count("/documents/") == size // 2  # the published half
    assert counts[0] == counts[1]

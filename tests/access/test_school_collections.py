"""One installation, two schools: each school's files in its own collection.

Wagtail's collection rights hold for a collection and everything inside it,
so a school's staff holding rights on the shared documents collection would
see every school's files in «Документы» and its chooser: consent scans and
fixing orders that name minors among them. With roles per site, setup gives
each school a collection of its own inside the shared one, gives the
school's groups their rights there and on nothing above it.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import GroupCollectionPermission

from mentoring_wagtail.access import site_roles
from mentoring_wagtail.documents.editions import ProgrammeDocument
from mentoring_wagtail.participants.admin.fixing_order import candidate_groups
from mentoring_wagtail.participants.fixing_order import draft_fixing_order
from mentoring_wagtail.participants.storage import PRIVATE_COLLECTION_NAME
from mentoring_wagtail.setup.collections import (
    get_documents_collection,
    site_documents_collection,
)
from mentoring_wagtail.setup.signature_regulation import TITLE
from mentoring_wagtail.setup.steps import run_setup

from ..participants.support import make_group
from .schools_support import built_once

# Every test starts from the two schools built once, in whatever order they run.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("schools")]

# Built once for the module; each test starts from it (tests/module_state.py).
_schools, schools = built_once()

Document = get_document_model()


def upload(collection, title):
    document = Document(title=title, collection=collection)
    document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 " + title.encode()))
    return document


def test_each_school_holds_rights_on_its_own_collection_only(schools):
    shared = get_documents_collection()
    for school in schools:
        own = site_documents_collection(school.site)
        assert own is not None and own.get_parent() == shared
        # The draft ПЭП regulation setup writes for the school is in it.
        regulation = ProgrammeDocument.objects.get(site=school.site, title=TITLE)
        assert regulation.file.collection == own
        assert own.name.endswith(f"(сайт {school.site.pk})")
        groups = site_roles.site_role_groups(school.site.pk)
        assert groups.exists()
        rows = GroupCollectionPermission.objects.filter(group__in=groups)
        assert rows.exists()
        collections = {row.collection for row in rows.select_related("collection")}
        # The school's documents, and its mentors' photos (portfolios app).
        assert own in collections
        assert all(c.name.endswith(f"(сайт {school.site.pk})") for c in collections), [
            c.name for c in collections
        ]


def test_a_school_sees_none_of_the_other_schools_files(client, schools):
    a, b = schools
    mine = upload(site_documents_collection(a.site), "Согласие-школы-семь")
    theirs = upload(site_documents_collection(b.site), "Согласие-школы-два")
    for key in ("curator", "secretary", "director"):
        client.force_login(a.users[key])
        for url in ("/admin/documents/", "/admin/documents/chooser/"):
            response = client.get(url)
            text = (
                response.json()["html"]
                if response["Content-Type"].startswith("application/json")
                else response.content.decode()
            )
            assert mine.title in text, (key, url)
            assert theirs.title not in text, (key, url)
        edit = client.get(f"/admin/documents/edit/{theirs.pk}/")
        assert edit.status_code in (302, 403), (key, edit.status_code)
        assert theirs.title not in edit.content.decode()


def test_a_fixing_order_goes_to_its_schools_private_collection(client, schools):
    a, b = schools
    group = make_group()
    type(group).objects.filter(pk=group.pk).update(site=b.site)
    groups = candidate_groups().filter(pk=group.pk)
    order = draft_fixing_order(groups, b.users["curator"], b.site)
    collection = order.draft_file.collection
    assert collection.name == PRIVATE_COLLECTION_NAME
    assert collection.get_parent() == site_documents_collection(b.site)
    client.force_login(a.users["curator"])
    response = client.get(order.draft_file.url)
    assert response.status_code in (302, 403, 404)
    client.force_login(b.users["curator"])
    assert client.get(order.draft_file.url).status_code == 200


def test_setup_withdraws_a_schools_rights_on_the_shared_collection(schools):
    a, _b = schools
    shared = get_documents_collection()
    group = site_roles.site_role_groups(a.site.pk).first()
    row = GroupCollectionPermission.objects.filter(group=group).first()
    GroupCollectionPermission.objects.create(
        group=group, collection=shared, permission=row.permission
    )
    messages = [result.message for result in run_setup()]
    assert any("withdrawn" in m or "отозван" in m for m in messages), messages
    assert not GroupCollectionPermission.objects.filter(
        group=group, collection=shared
    ).exists()
    again = [result.message for result in run_setup() if result.created]
    assert again == []


def test_setup_names_files_no_school_can_reach(schools):
    upload(get_documents_collection(), "Старый-файл")
    messages = [result.message for result in run_setup()]
    assert any(
        "Старый-файл" not in m and ("1 file" in m or "1 файл" in m) for m in messages
    ), messages

"""JSON export holds every field; it imports back (command and admin) and
page → JSON → page → JSON is identical; the report .docx links the evidence."""

import io
import json
import uuid

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.documents import get_document_model

from mentoring_wagtail.models import RoadmapPage
from mentoring_wagtail.roadmaps.export import export_roadmap_bytes
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
from mentoring_wagtail.roadmaps.word_reader import read_roadmap
from tests import roadmap_docx
from tests.documents_support import make_order

pytestmark = pytest.mark.django_db
IMPORT_URL = "/admin/mentoring/roadmaps/import/"
from tests.roadmaps.import_steps import import_file  # noqa: E402


@pytest.fixture
def full_page(mentoring_section):
    """Seed 003 with sub-sections, both approval blocks, the approving order,
    statuses, results, notes and evidence of every kind."""
    approving = make_order(number="21", publish=True)
    cited = make_order(number="32", publish=True)
    document = get_document_model().objects.create(
        title="Протокол педсовета №1", file=ContentFile(b"%PDF-1.4", name="p.pdf")
    )
    roadmap = read_roadmap(roadmap_docx.omutninsk_layout())
    page = create_roadmap_page(mentoring_section, roadmap)
    page.approved_by_order = approving
    stages = page.stages.raw_data
    first = stages[0]["value"]["activities"][0]["value"]
    first.update(
        status="done",
        actual_result="Проведён педсовет",
        notes="см. протокол",
        evidence=[
            {"type": "order", "value": cited.pk, "id": str(uuid.uuid4())},
            {"type": "document", "value": document.pk, "id": str(uuid.uuid4())},
            {"type": "page", "value": mentoring_section.pk, "id": str(uuid.uuid4())},
        ],
    )
    page.stages = stages
    page.save_revision().publish()
    return RoadmapPage.objects.get(pk=page.pk)


def export_json(page):
    content, content_type, _name = export_roadmap_bytes(page, file_format="json")
    assert content_type == "application/json"
    return json.loads(content)


def test_json_holds_every_field(full_page):
    data = export_json(full_page)
    assert data["considered_text"].startswith("РАССМОТРЕНО")
    assert data["approval_text"].startswith("УТВЕРЖДАЮ")
    assert data["approved_by_order"]["number"] == "21"
    item = data["stages"][0]["items"][0]
    assert item["task"].startswith("1. Изучение и систематизация")
    assert (item["status"], item["actual_result"], item["notes"]) == (
        "done",
        "Проведён педсовет",
        "см. протокол",
    )
    assert [ref["type"] for ref in item["evidence"]] == ["order", "document", "page"]
    assert item["evidence"][0]["number"] == "32"
    assert item["evidence"][1]["title"] == "Протокол педсовета №1"
    assert item["evidence"][2]["url_path"] == full_page.get_parent().url_path


def test_json_page_json_is_identical_through_the_command(
    full_page, mentoring_section, tmp_path
):
    first = export_json(full_page)
    path = tmp_path / "roadmap.json"
    path.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    call_command("import_roadmap", str(path), parent=str(mentoring_section.pk))
    copy = RoadmapPage.objects.exclude(pk=full_page.pk).get()
    assert copy.approved_by_order_id == full_page.approved_by_order_id
    assert export_json(copy.get_latest_revision_as_object()) == first


def test_admin_import_takes_the_json(admin_client, full_page, mentoring_section):
    first = export_json(full_page)
    upload = SimpleUploadedFile(
        "roadmap.json", json.dumps(first).encode(), content_type="application/json"
    )
    response = import_file(admin_client, mentoring_section, upload)
    assert response.status_code == 200
    copy = RoadmapPage.objects.exclude(pk=full_page.pk).get()
    assert export_json(copy.get_latest_revision_as_object()) == first


@pytest.mark.parametrize(
    "content, msgid, params",
    [
        (b"{not json", "The file is not valid JSON.", {}),
        (
            b'{"stages": {"a": 1}}',
            "In the JSON, %(where)s must be a list.",
            {"where": "stages"},
        ),
        (
            b'{"stages": [{"title": "I.", "items": [{"title": "x", "status": "??"}]}]}',
            "In the JSON, %(where)s has an unknown status «%(status)s».",
            {
                "where": ("activity %(n)s of stage %(s)s", {"n": 1, "s": 1}),
                "status": "??",
            },
        ),
        (b'{"format": "other"}', "The JSON file is not a roadmap export.", {}),
        (b"\xff\xfe{", "The JSON file is not UTF-8 text.", {}),
    ],
)
def test_malformed_json_is_refused_clearly(
    admin_client, mentoring_section, content, msgid, params
):
    from django.utils import translation
    from django.utils.html import escape

    upload = SimpleUploadedFile("roadmap.json", content)
    response = admin_client.post(
        IMPORT_URL, {"parent": mentoring_section.pk, "file": upload}
    )
    assert response.status_code == 200
    assert not RoadmapPage.objects.exists()
    with translation.override(response.headers.get("Content-Language", "ru")):
        values = {
            key: translation.gettext(v[0]) % v[1] if isinstance(v, tuple) else v
            for key, v in params.items()
        }
        message = (
            translation.gettext(msgid) % values
            if values
            else translation.gettext(msgid)
        )
    assert escape(message) in response.content.decode()


def test_report_docx_lists_evidence_as_links(full_page):
    content, _type, _name = export_roadmap_bytes(full_page, report=True)
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(cell.text for cell in document.tables[0]._cells)
    assert "Протокол педсовета №1" in text and "№ 32" in text
    links = [
        rel.target_ref
        for rel in document.part.rels.values()
        if rel.reltype.endswith("/hyperlink")
    ]
    assert any(link.endswith("p.pdf") or "/documents/" in link for link in links)


def test_evidence_missing_here_is_reported_not_linked(full_page, mentoring_section):
    from django.utils.translation import gettext

    from mentoring_wagtail.roadmaps.json_format import read_roadmap_json
    from mentoring_wagtail.roadmaps.json_io import create_roadmap_page

    data = export_json(full_page)
    data["stages"][0]["items"][0]["evidence"][0]["number"] = "999"
    roadmap = read_roadmap_json(json.dumps(data).encode())
    copy = create_roadmap_page(mentoring_section, roadmap)
    evidence = export_json(copy.get_latest_revision_as_object())["stages"][0]["items"]
    assert [ref["type"] for ref in evidence[0]["evidence"]] == ["document", "page"]
    title = data["stages"][0]["items"][0]["evidence"][0]["title"]
    warning = gettext("Evidence «%(title)s» was not found here; not linked.") % {
        "title": title
    }
    assert warning in copy.import_warnings

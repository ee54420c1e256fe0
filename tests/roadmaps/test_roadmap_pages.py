"""The roadmap page: derived activities, due/overdue, the public page."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks import StreamValue

from mentoring_wagtail.models import RoadmapActivity, RoadmapPage, get_due_activities
from mentoring_wagtail.roadmaps.interchange import Activity, Roadmap, Stage
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page

pytestmark = pytest.mark.django_db


def make_roadmap(count=3, year="2024/2025"):
    statuses = ["done", "planned", "in_progress", "not_done", "cancelled"]
    activities = [
        Activity(
            number=f"1.{i + 1}",
            title=f"Мероприятие <{i + 1}>",
            deadline="До 10 апреля 2020" if i % 2 else "Сентябрь 2099",
            responsible="Куратор",
            result="Приказ",
            status=statuses[i % 5],
            actual_result=f"Сделано {i + 1}" if i % 5 == 0 else "",
        )
        for i in range(count)
    ]
    return Roadmap(
        title="Дорожная карта на 2024/2025 учебный год",
        year=year,
        approval_text="УТВЕРЖДАЮ\nДиректор\nПриказ № 21 от 30.08.2024 г.",
        stages=[
            Stage(
                title="Этап 1. Подготовка",
                goal="Задача этапа: начать",
                activities=activities,
            )
        ],
    )


def test_import_creates_a_draft_with_its_activities(mentoring_section):
    page = create_roadmap_page(mentoring_section, make_roadmap(3))
    page = RoadmapPage.objects.get(pk=page.pk)
    assert not page.live and page.get_latest_revision() is not None
    assert page.academic_year == "2024/2025"
    assert "Приказ № 21" in page.approval_text
    stage = page.stages[0]
    assert stage.value["title"] == "Этап 1. Подготовка"
    assert [a["number"] for a in stage.value["activities"]] == ["1.1", "1.2", "1.3"]
    assert all(child.id for child in page.stages)  # stable block ids
    rows = list(RoadmapActivity.objects.filter(page=page))
    assert [r.number for r in rows] == ["1.1", "1.2", "1.3"]
    assert rows[1].deadline_end == date(2020, 4, 10)


def test_flat_table_follows_publishing_not_drafts(mentoring_section):
    page = create_roadmap_page(mentoring_section, make_roadmap(2), publish=True)
    page = RoadmapPage.objects.get(pk=page.pk)
    draft = page.get_latest_revision_as_object()
    draft.stages[0].value["activities"][0]["title"] = "Новое название"
    draft.save_revision()
    assert (
        RoadmapActivity.objects.get(page=page, number="1.1").title == "Мероприятие <1>"
    )
    page.get_latest_revision().publish()
    assert (
        RoadmapActivity.objects.get(page=page, number="1.1").title == "Новое название"
    )


def test_due_activities_for_the_dashboard(mentoring_section):
    page = create_roadmap_page(mentoring_section, make_roadmap(5), publish=True)
    create_roadmap_page(mentoring_section, make_roadmap(5))  # a draft: not listed
    with CaptureQueriesContext(connection) as queries:
        due = list(get_due_activities(within_days=14, today=date(2024, 1, 1)))
    assert len(queries) <= 3
    # 1.2 and 1.4 are open and overdue; 1.1 is done, the others due in 2099
    assert [(d.number, d.status) for d in due] == [
        ("1.2", "planned"),
        ("1.4", "not_done"),
    ]
    first = due[0]
    assert first.page.pk == page.pk and isinstance(first.page, RoadmapPage)
    assert first.stage_title == "Этап 1. Подготовка"
    assert first.deadline_text == "До 10 апреля 2020"
    assert first.deadline_end == date(2020, 4, 10)
    assert first.is_overdue is True


def test_public_page_is_an_accessible_table_with_progress(client, mentoring_section):
    page = create_roadmap_page(mentoring_section, make_roadmap(5), publish=True)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.text
    assert "<table" in html and "<caption>Этап 1. Подготовка</caption>" in html
    assert 'scope="col"' in html and 'scope="row"' in html
    assert "Мероприятие &lt;1&gt;" in html  # escaped
    assert "Задача этапа: начать" in html
    assert "<progress" in html and 'value="1"' in html  # 1 of 5 done
    assert "roadmap__overdue" in html  # overdue is flagged with words
    assert "roadmap__status--done" in html
    assert "roadmap__timeline" in html and "2099" in html
    assert "Приказ № 21" in html


def test_public_page_queries_do_not_grow_with_activities(
    client, mentoring_section, settings
):
    # The rendering itself, not the cache of whole pages (tests/public).
    settings.MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT = 0
    small = create_roadmap_page(mentoring_section, make_roadmap(20), publish=True)
    big = create_roadmap_page(mentoring_section, make_roadmap(300), publish=True)
    counts = []
    for page in (small, big):
        client.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_preview_renders_unsaved_stages(mentoring_section):
    page = create_roadmap_page(mentoring_section, make_roadmap(2))
    draft = page.get_latest_revision_as_object()
    # As the edit form gives it: a StreamValue of native values, not stored JSON.
    block = RoadmapPage._meta.get_field("stages").stream_block
    edited = StreamValue(block, [(c.block_type, c.value, c.id) for c in draft.stages])
    edited[0].value["activities"][0]["title"] = "Правка в предпросмотре"
    draft.stages = edited
    response = draft.make_preview_request()
    assert response.status_code == 200
    assert "Правка в предпросмотре" in response.rendered_content


def test_publishing_a_change_shows_at_once_despite_the_cache(client, mentoring_section):
    page = create_roadmap_page(mentoring_section, make_roadmap(2), publish=True)
    assert "Мероприятие &lt;1&gt;" in client.get(page.url).text
    draft = RoadmapPage.objects.get(pk=page.pk)
    raw = list(draft.stages.raw_data)
    raw[0]["value"]["activities"][0]["value"]["title"] = "Переименовано"
    draft.stages = raw
    draft.save_revision().publish()
    html = client.get(page.url).text
    assert "Переименовано" in html and "Мероприятие &lt;1&gt;" not in html


def test_evidence_links_cost_one_query_per_kind(client, mentoring_section, home_page):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    Document = get_document_model()
    documents = [
        Document.objects.create(
            title=f"Протокол {i}", file=ContentFile(b"%PDF-1.4", name=f"p{i}.pdf")
        )
        for i in range(3)
    ]
    page = create_roadmap_page(mentoring_section, make_roadmap(3), publish=True)
    page = RoadmapPage.objects.get(pk=page.pk)
    raw = list(page.stages.raw_data)
    for i, item in enumerate(raw[0]["value"]["activities"]):
        item["value"]["evidence"] = [
            {"type": "document", "value": documents[i].pk, "id": f"e{i}"},
            {"type": "page", "value": mentoring_section.pk, "id": f"p{i}"},
        ]
    page.stages = raw
    page.save_revision().publish()
    html = client.get(page.url).text
    for document in documents:
        assert f'href="{document.url}"' in html and document.title in html
    assert html.count(f'href="{mentoring_section.url}"') >= 3
    # Wagtail's reference index sees the choosers inside the activities.
    from wagtail.models import ReferenceIndex

    references = ReferenceIndex.get_references_to(documents[0])
    assert page.pk in {int(r.object_id) for r in references}


def test_stages_are_stored_as_utf8_not_escapes(mentoring_section):
    page = create_roadmap_page(mentoring_section, make_roadmap(1))
    table = RoadmapPage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT stages FROM {table} WHERE page_ptr_id = %s", [page.pk])  # noqa: S608
        stored = cursor.fetchone()[0]
    stored = stored if isinstance(stored, str) else str(stored)
    assert "Этап 1. Подготовка" in stored

"""The import shows what it read before anything is saved, refuses files that
only look like a roadmap, and the export never signs what nobody approved."""

import io
import json
import logging

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from mentoring_wagtail.models import RoadmapActivity, RoadmapPage
from mentoring_wagtail.roadmaps.export import export_roadmap_bytes
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
from mentoring_wagtail.roadmaps.word_reader import read_roadmap
from tests import roadmap_docx
from tests.roadmaps.import_steps import IMPORT_URL, confirm, preview
from tests.roadmaps.word_builder import WordBuilder
from tests.roadmaps.word_layouts import LAYOUTS

pytestmark = pytest.mark.django_db


def upload(data, name="roadmap.docx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_preview_shows_what_was_read_and_saves_nothing(admin_client, mentoring_section):
    pages_before = Page.objects.count()
    layout = LAYOUTS["plan-fact-report"]()
    response = preview(admin_client, mentoring_section, upload(layout.data))
    assert response.status_code == 200
    text = response.text
    assert "roadmap-import-preview" in text
    for shown in ("Анкетирование педагогов", "сентябрь 2024", "Педагог-психолог",
                  "1. Подготовительный этап", gettext("Check what was read")):  # fmt: skip
        assert shown in text
    assert gettext("done") in text  # the status, in the admin's language
    assert Page.objects.count() == pages_before
    assert not RoadmapActivity.objects.exists()

    done = confirm(admin_client, response)
    page = RoadmapPage.objects.get()
    assert not page.live and page.get_parent().pk == mentoring_section.pk
    assert f"/admin/pages/{page.pk}/edit/" in done.text
    assert RoadmapActivity.objects.filter(page=page).count() == 2
    stored = [
        item["value"]
        for stage in page.stages.raw_data
        for item in stage["value"]["activities"]
    ]
    assert stored[0]["actual_result"] == "октябрь 2024"
    assert stored[0]["status"] == "done"


def test_preview_of_json_then_confirm(admin_client, mentoring_section):
    roadmap = read_roadmap(roadmap_docx.omutninsk_layout())
    page = create_roadmap_page(mentoring_section, roadmap)
    data, _type, _name = export_roadmap_bytes(page, file_format="json")
    response = preview(admin_client, mentoring_section, upload(data, "roadmap.json"))
    assert "roadmap-import-preview" in response.text
    assert RoadmapPage.objects.count() == 1
    confirm(admin_client, response)
    assert RoadmapPage.objects.count() == 2
    copy = RoadmapPage.objects.exclude(pk=page.pk).get()
    assert copy.stages.raw_data[0]["value"]["title"] == roadmap.stages[0].title


def test_a_tampered_preview_creates_nothing(admin_client, mentoring_section):
    response = admin_client.post(
        IMPORT_URL, {"parent": mentoring_section.pk, "preview": "forged:token"}
    )
    assert response.status_code == 200
    assert gettext("The preview was damaged; upload the file again.") in response.text
    assert not RoadmapPage.objects.exists()


def test_confirming_under_a_page_a_roadmap_cannot_go_is_refused(
    admin_client, mentoring_section, home_page
):
    layout = LAYOUTS["simple"]()
    response = preview(admin_client, mentoring_section, upload(layout.data))
    forged = response.text.replace(
        f'name="parent" value="{mentoring_section.pk}"',
        f'name="parent" value="{home_page.pk}"',
    )
    response.content = forged.encode()
    confirm(admin_client, response)
    assert not RoadmapPage.objects.exists()


# Files a school has that are not roadmaps; each reads as one by its header.
PEOPLE = ["Соколова Анна Викторовна", "8 (912) 345-67-89", "sokolova@school3.ru",
          "Ершов Илья Павлович", "+7 922 111-22-33", "ershov@school3.ru"]  # fmt: skip


def club_timetable():
    builder = WordBuilder()
    builder.para("Расписание работы кружков на 2025-2026 учебный год")
    builder.table([
        ["Мероприятие", "День", "Время", "Место", "Ответственный"],
        ["Шахматный кружок", "понедельник", "15.00-16.30", "каб. 12", "Ершов И.П."],
        ["Хор", "вторник", "14:00–15:00", "актовый зал", "Соколова А.В."],
        ["Робототехника", "четверг", "16.00-17.30", "каб. 21", "Ершов И.П."],
    ])  # fmt: skip
    return builder.save(), "timetable"


def staff_list():
    builder = WordBuilder()
    builder.para("Список педагогических работников МБОУ СОШ № 3")
    builder.table([
        ["№", "ФИО", "Наименование должности", "Документ об образовании",
         "Телефон", "E-mail"],
        ["1", PEOPLE[0], "учитель математики", "диплом ВСГ 123", PEOPLE[1], PEOPLE[2]],
        ["2", PEOPLE[3], "учитель физики", "диплом ВСГ 456", PEOPLE[4], PEOPLE[5]],
    ])  # fmt: skip
    return builder.save(), "staff list with contacts"


def minutes():
    builder = WordBuilder()
    for line in ("ПРОТОКОЛ № 1", "заседания педагогического совета от 28.08.2025",
                 f"Присутствовали: {PEOPLE[0]}, {PEOPLE[3]}", "Повестка дня:",
                 "1. О наставничестве в 2025-2026 учебном году.",
                 f"Слушали: {PEOPLE[0]}.", "Постановили:"):  # fmt: skip
        builder.para(line)
    builder.table([
        ["№", "Мероприятие", "Срок", "Ответственный"],
        ["1", "Утвердить программу наставничества", "до 01.09.2025", PEOPLE[3]],
    ])  # fmt: skip
    return builder.save(), "minutes"


REASONS = {
    "timetable": "There is no table of activities in the file: it looks like a "
    "timetable.",
    "staff list with contacts": "There is no table of activities in the file: it "
    "looks like a staff list with contacts.",
    "minutes": "There is no table of activities in the file: it looks like minutes.",
}


@pytest.mark.parametrize("maker", [club_timetable, staff_list, minutes])
def test_look_alikes_are_refused_with_the_reason_and_nothing_kept(
    admin_client, mentoring_section, maker, caplog
):
    data, kind = maker()
    counts = (Page.objects.count(), PageLogEntry.objects.count(),
              ModelLogEntry.objects.count())  # fmt: skip
    with caplog.at_level(logging.DEBUG):
        response = preview(admin_client, mentoring_section, upload(data))
    assert response.status_code == 200
    assert gettext(REASONS[kind]) in response.text
    assert "roadmap-import-confirm" not in response.text
    assert (Page.objects.count(), PageLogEntry.objects.count(),
            ModelLogEntry.objects.count()) == counts  # fmt: skip
    assert not RoadmapActivity.objects.exists()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for person in PEOPLE:
        assert person not in response.text and person not in logged


def test_a_participants_table_with_contacts_after_the_plan_is_left_out():
    builder = WordBuilder()
    builder.para("Дорожная карта наставничества на 2025-2026 учебный год")
    builder.table([["№", "Мероприятие", "Срок"], ["1", "Семинар", "май"]])
    builder.para("Участники")
    builder.table([["ФИО", "Телефон"], [PEOPLE[0], PEOPLE[1]], [PEOPLE[3], PEOPLE[4]]])
    roadmap = read_roadmap(builder.save())
    assert roadmap.activity_count == 1 and not roadmap.attachments
    assert not any(person in repr(roadmap) for person in PEOPLE)


def _document_text(data):
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def test_export_writes_no_approval_the_page_does_not_have(mentoring_section):
    from mentoring_wagtail.models import OrganisationSettings

    settings = OrganisationSettings.for_site(mentoring_section.get_site())
    settings.director_name = "А.Б. Петрова"
    settings.save()
    roadmap = read_roadmap(LAYOUTS["simple"]().data)
    assert not roadmap.approval_text
    page = create_roadmap_page(mentoring_section, roadmap)
    data, _type, _name = export_roadmap_bytes(page)
    text = _document_text(data)
    assert "УТВЕРЖДАЮ" not in text and "Петрова" not in text


def test_export_keeps_the_imported_approval(mentoring_section):
    roadmap = read_roadmap(LAYOUTS["mentor-plan"]().data)
    page = create_roadmap_page(mentoring_section, roadmap)
    text = _document_text(export_roadmap_bytes(page)[0])
    assert "УТВЕРЖДАЮ" in text and "О.В. Смирнова" in text


@pytest.mark.parametrize("name", ["simple", "plan-fact-report", "month-grid",
                                  "mentor-plan", "statuses"])  # fmt: skip
def test_docx_export_import_export_is_identical(mentoring_section, name):
    """The official plan and the execution report, each read back: the same
    document again; through the report, every field of every activity."""
    roadmap = read_roadmap(LAYOUTS[name]().data)
    first_page = create_roadmap_page(mentoring_section, roadmap)
    for report in (False, True):
        first = export_roadmap_bytes(first_page, report=report)[0]
        second_page = create_roadmap_page(mentoring_section, read_roadmap(first))
        second = export_roadmap_bytes(second_page, report=report)[0]
        assert _document_text(second) == _document_text(first)
    data = [
        json.loads(export_roadmap_bytes(p, file_format="json")[0])["stages"]
        for p in (first_page, second_page)
    ]
    assert data[0] == data[1]


def test_an_imported_roadmap_is_found_by_its_activities_words(mentoring_section):
    """The search index reads the stages' text from the stored JSON."""
    roadmap = read_roadmap(LAYOUTS["plan-fact-report"]().data)
    page = create_roadmap_page(mentoring_section, roadmap, publish=True)
    found = RoadmapPage.objects.live().search("Анкетирование")
    assert [p.pk for p in found] == [page.pk]
    assert not list(RoadmapPage.objects.live().search("Фотосессия"))

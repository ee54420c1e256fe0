"""Reading Word roadmaps: the real samples, the seeds' layouts, hostile files."""

import re

import docx
import pytest
from django.utils.translation import gettext

from mentoring_wagtail.roadmaps.word_reader import (
    read_roadmap,
)
from mentoring_wagtail.word.safety import DocxRefused
from tests import roadmap_docx
from tests.shared_samples import SAMPLES_DIR, require_samples

SAMPLES = SAMPLES_DIR

# file → (stages, activities)
SAMPLE_COUNTS = {
    # seed 002: numbered lists «1) … 2) …» in a stage's cell, one activity each
    "art-school-roadmap-2022.docx": (7, 15),
    "polytechnic-college-roadmap-2022.docx": (7, 44),
    "teacher-teacher-roadmap-2021.docx": (1, 26),
}


def _norm(text):
    return " ".join(text.split())


def result_text(roadmap):
    parts = [roadmap.title, roadmap.approval_text, roadmap.considered_text]
    parts += roadmap.intro
    for stage in roadmap.stages:
        parts += [stage.title, stage.goal]
        for a in stage.activities:
            parts += [f"{a.number} {a.title}", a.task, a.deadline, a.responsible]
            parts += [a.result, a.actual_result, a.notes]
    return _norm("\n".join(parts))


def table_cells(data):
    """Every non-empty cell text of every table, except header cells."""
    document = docx.Document(__import__("io").BytesIO(data))
    headers = {_norm(cell.text) for cell in document.tables[0].rows[0].cells}
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                text = _norm(cell.text)
                if text and text not in headers and not re.fullmatch(r"\d+", text):
                    yield text


@pytest.mark.parametrize("name", sorted(SAMPLE_COUNTS))
def test_each_sample_imports_faithfully(name):
    require_samples()
    data = (SAMPLES / name).read_bytes()
    roadmap = read_roadmap(data)
    stages, activities = SAMPLE_COUNTS[name]
    assert len(roadmap.stages) == stages
    assert roadmap.activity_count == activities
    text = result_text(roadmap)
    # A cell holding a numbered list is split into activities: its items are
    # each kept whole, the list markers become the activities' numbers.
    missing = [
        cell
        for cell in table_cells(data)
        if cell not in text
        and any(part.strip() not in text for part in re.split(r"\d\)", cell))
    ]
    assert missing == []


def test_polytechnic_sample_stage_goals_numbers_and_year():
    require_samples()
    roadmap = read_roadmap(
        (SAMPLES / "polytechnic-college-roadmap-2022.docx").read_bytes()
    )
    first = roadmap.stages[0]
    assert (
        first.title
        == "Этап 1. Подготовка условий для запуска программы наставничества."
    )
    assert first.goal.startswith("Задача этапа - создание благоприятных условий")
    assert [a.number for a in first.activities] == [
        "1.1.",
        "1.2.",
        "1.3.",
        "1.4.",
        "1.5.",
        "1.6.",
    ]
    assert first.activities[0].title.startswith("Обеспечить нормативно-правовое")
    assert first.activities[0].deadline == "До 10 апреля 2022"
    assert roadmap.year == "2022/2023"
    assert any("4.5." in w for w in roadmap.warnings)  # a duplicated number is reported


def test_teacher_sample_keeps_the_vertically_merged_tasks():
    require_samples()
    roadmap = read_roadmap((SAMPLES / "teacher-teacher-roadmap-2021.docx").read_bytes())
    activities = roadmap.stages[0].activities
    assert activities[0].task.startswith("Разработать нормативную базу")
    assert activities[1].task == activities[0].task
    assert activities[2].task.startswith("Разработать методический инструментарий")
    assert (
        activities[4].deadline == "1.01.22-31.12.22"
        or activities[3].deadline == "1.01.22-31.12.22"
    )


def test_art_school_sample_has_a_stage_per_row():
    require_samples()
    roadmap = read_roadmap((SAMPLES / "art-school-roadmap-2022.docx").read_bytes())
    assert roadmap.stages[1].title == "Формирование банка наставляемых"
    first, second = roadmap.stages[1].activities
    assert (first.number, second.number) == ("2.1", "2.2")
    assert first.title.startswith("Сбор информации о профессиональных запросах")
    assert second.title.startswith("Формирование банка данных наставляемых")
    for activity in (first, second):
        assert (
            activity.deadline == "В зависимости от потребности В течение первого месяца"
        )
    split_warning = gettext(
        "Row %(row)s: the numbered list in the cell became %(count)s "
        "activities, each with the row's deadline and responsible."
    )
    assert split_warning % {"row": 3, "count": 2} in roadmap.warnings


def test_approval_roman_stages_and_subsections_of_seed_003():
    data = roadmap_docx.omutninsk_layout()
    roadmap = read_roadmap(data)
    assert roadmap.approval_text.startswith("УТВЕРЖДАЮ:")
    assert "Приказ № 21 от 30.08.2024 г." in roadmap.approval_text
    assert (roadmap.order_number, roadmap.order_date) == ("21", "30.08.2024")
    assert roadmap.year == "2024/2025"
    assert roadmap.title.startswith("Дорожная карта реализации Целевой модели")
    assert [s.title[:3] for s in roadmap.stages] == ["I. ", "II.", "IV."]
    first = roadmap.stages[0].activities
    assert [a.number for a in first] == ["1.1.", "1.2.", "2.1"]
    assert first[0].task.startswith("1. Изучение")
    assert first[2].task.startswith("2. Нормативно-правовое")
    assert "✓ сбор заявок" in roadmap.stages[1].activities[1].title  # a list in a cell
    assert roadmap.considered_text == (
        "РАССМОТРЕНО:\nна педагогическом совете\n30.08.2024 г. Протокол № 1"
    )
    assert roadmap.intro == []
    assert [c for c in table_cells(data) if c not in result_text(roadmap)] == []


@pytest.mark.parametrize("split", [False, True])
def test_execution_report_layout_of_seed_001(split):
    data = roadmap_docx.report_layout(split_table=split)
    roadmap = read_roadmap(data)
    assert [s.title for s in roadmap.stages] == [
        "Подготовка условий для запуска программы наставничества",
        "Формирование базы наставляемых",
        "Завершение наставничества",
    ]
    assert [len(s.activities) for s in roadmap.stages] == [3, 2, 1]
    fourth = roadmap.stages[0].activities[2]
    assert fourth.number == "4"
    assert (
        "по реализации наставничества" in fourth.title
    )  # the row split by a page break
    assert "целевой модели наставничества" in fourth.responsible
    assert fourth.actual_result.startswith("План методической работы")
    assert fourth.status == "done"
    assert roadmap.stages[2].activities[0].number == "пос. 38"
    assert roadmap.stages[2].activities[0].status == "planned"
    assert any("«4»" in w for w in roadmap.warnings)  # the joined row is reported
    assert (
        gettext(
            "The report has no status column: activities with an actual result are "
            "marked done, the others planned."
        )
        in roadmap.warnings
    )
    assert [c for c in table_cells(data) if c not in result_text(roadmap)] == []


def test_unknown_columns_go_to_notes():
    data = roadmap_docx._save(
        roadmap_docx.table_doc(
            ["№", "Мероприятие", "Срок", "Бюджет"],
            ["Этап 1. Подготовка", ("1", "Совещание", "Май 2024", "0 руб.")],
            before=["План мероприятий на 2023-2024 учебный год"],
        )
    )
    roadmap = read_roadmap(data)
    assert roadmap.stages[0].activities[0].notes == "Бюджет: 0 руб."
    assert any("Бюджет" in w for w in roadmap.warnings)


@pytest.mark.parametrize(
    "maker, msgid",
    [
        (
            roadmap_docx.not_docx,
            "The file is not a Word document (.docx). Save it in Word as .docx.",
        ),
        (lambda: b"", "The file is empty."),
        (
            roadmap_docx.zip_bomb,
            "The Word document unpacks to too much data to be read safely.",
        ),
        (
            roadmap_docx.with_doctype,
            "The Word document contains XML entity declarations, which Word never "
            "writes; it is refused for safety.",
        ),
        (
            roadmap_docx.no_table,
            "The document has no table; a roadmap must be a table.",
        ),
        (
            roadmap_docx.timetable,
            "There is no table of activities in the file: it looks like a timetable.",
        ),
    ],
)
def test_bad_files_are_refused_with_a_reason(maker, msgid):
    # The message is the one for this reason, in the user's language.
    with pytest.raises(DocxRefused) as error:
        read_roadmap(maker())
    assert str(error.value) == gettext(msgid)


def test_too_many_rows_are_refused_not_half_imported(settings):
    # Refused by the safety check, before python-docx loads the table.
    settings.MENTORING_WAGTAIL_ROADMAP_IMPORT_MAX_ROWS = 100
    with pytest.raises(DocxRefused) as error:
        read_roadmap(roadmap_docx.many_rows(150))
    assert str(error.value) == gettext(
        "The Word document has a table of more than %(max)s rows; it is "
        "refused before being read."
    ) % {"max": 100}


def test_the_default_row_limit_admits_a_five_year_college_plan():
    from mentoring_wagtail.conf import get_setting

    assert get_setting("ROADMAP_IMPORT_MAX_ROWS") >= 3100


def test_row_limit_is_a_setting(settings):
    settings.MENTORING_WAGTAIL_ROADMAP_IMPORT_MAX_ROWS = 20
    with pytest.raises(DocxRefused):
        read_roadmap(roadmap_docx.many_rows(30))
    settings.MENTORING_WAGTAIL_ROADMAP_IMPORT_MAX_ROWS = 40
    assert read_roadmap(roadmap_docx.many_rows(30)).activity_count == 29


@pytest.mark.parametrize(
    "header, role",
    [
        ("№", "number"),
        ("№ п/п", "number"),
        ("Задачи", "task"),
        ("Мероприятие", "title"),
        ("Наименование мероприятия", "title"),
        ("Содержание деятельности и примерный план мероприятий", "title"),
        ("Этап. Мероприятия этапа", "title"),
        ("Перечень запланированных мероприятий", "title"),
        ("Наименование этапа", "stage"),
        ("Сроки", "deadline"),
        ("Срок исполнения", "deadline"),
        ("Сроки проведения", "deadline"),
        ("Длительность этапа", "deadline"),
        ("Ответственные", "responsible"),
        ("Ответственный исполнитель", "responsible"),
        ("Исполнитель", "responsible"),
        ("Ответственные за исполнение", "responsible"),
        ("Результат", "result"),
        ("Результат, вид документа", "result"),
        ("Итоговый документ", "result"),
        ("Отметка о выполнении", "status"),
        ("Отметка об исполнении", "status"),
        ("Фактический результат", "actual_result"),
        ("Информация об исполнении", "actual_result"),
        ("Примечание", "notes"),
        ("Бюджет", None),
    ],
)
def test_column_headers_whatever_their_wording(header, role):
    from mentoring_wagtail.roadmaps.word_layout import map_columns

    roles = map_columns([(0, 1, header, False, None)])
    assert roles[0][0] == role


def test_columns_in_any_order():
    data = roadmap_docx._save(
        roadmap_docx.table_doc(
            [
                "Итоговый документ",
                "Исполнитель",
                "Наименование мероприятия",
                "Срок исполнения",
                "№",
            ],
            [
                "Раздел 1. Организация",
                ("Приказ", "Директор", "Издать приказ", "До 01.09.2024", "1"),
            ],
            before=["План мероприятий на 2024/2025 учебный год"],
        )
    )
    roadmap = read_roadmap(data)
    assert roadmap.stages[0].title == "Раздел 1. Организация"
    activity = roadmap.stages[0].activities[0]
    assert (activity.number, activity.title, activity.deadline) == (
        "1",
        "Издать приказ",
        "До 01.09.2024",
    )
    assert (activity.responsible, activity.result) == ("Директор", "Приказ")


def test_a_merged_row_is_a_heading_even_in_lower_case():
    data = roadmap_docx._save(
        roadmap_docx.table_doc(
            ["№", "Мероприятие", "Срок", "Ответственные"],
            [
                "Этап 1. Начало",
                ("1", "Совещание", "Май 2024", "Директор"),
                "мониторинг и оценка",
                ("2", "Анкетирование", "Июнь 2024", "Куратор"),
            ],
            before=["План мероприятий на 2023/2024 учебный год"],
        )
    )
    roadmap = read_roadmap(data)
    assert [s.title for s in roadmap.stages] == [
        "Этап 1. Начало",
        "мониторинг и оценка",
    ]
    assert [a.number for s in roadmap.stages for a in s.activities] == ["1", "2"]

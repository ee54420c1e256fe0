"""A bare month in a roadmap over several years («на 2023-2026 гг.»).

The year comes from the activity's row, else from the heading or stage above
it; with neither the deadline stays text and the preview warns. The reader
never dates a bare month to a year of the plan on its own.
"""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentoring_wagtail.roadmaps.deadlines import RANGE, TEXT, parse_deadline
from mentoring_wagtail.roadmaps.word_reader import read_roadmap
from tests.roadmaps.word_builder import C, WordBuilder

TITLE = "Дорожная карта развития наставничества на 2023-2026 гг."
HEADER = ["№", "Мероприятие", "Сроки", "Ответственный"]
# How a month is written in a deadline cell: «сентябрь», «в течение октября», «в мае».
MONTH_FORMS = {
    1: ("январь", "в течение января", "в январе"),
    2: ("февраль", "в течение февраля", "в феврале"),
    3: ("март", "в течение марта", "в марте"),
    4: ("апрель", "в течение апреля", "в апреле"),
    5: ("май", "в течение мая", "в мае"),
    6: ("июнь", "в течение июня", "в июне"),
    9: ("сентябрь", "в течение сентября", "в сентябре"),
    10: ("октябрь", "в течение октября", "в октябре"),
    11: ("ноябрь", "в течение ноября", "в ноябре"),
    12: ("декабрь", "в течение декабря", "в декабре"),
}


def read(rows, title=TITLE):
    builder = WordBuilder()
    builder.para(title)
    builder.table([HEADER, *rows])
    return read_roadmap(builder.save())


def activities(roadmap):
    return [a for stage in roadmap.stages for a in stage.activities]


def dated(activity, roadmap):
    return parse_deadline(activity.deadline, roadmap.year)


def test_the_stage_heading_gives_the_academic_year():
    roadmap = read(
        [
            [C("Этап 1. Подготовка (2023/2024 учебный год)", span=4)],
            ["1.1", "Разработка программы", "сентябрь", "Директор"],
            ["1.2", "Отбор наставников", "в течение марта", "Куратор"],
            [C("Этап 2. Внедрение (2024–2025 уч. год)", span=4)],
            ["2.1", "Закрепление пар", "октябрь", "Куратор"],
            ["2.2", "Итоговый мониторинг", "май", "Куратор"],
        ]
    )
    found = {a.number: dated(a, roadmap) for a in activities(roadmap)}
    assert (found["1.1"].start, found["1.1"].end) == (
        date(2023, 9, 1),
        date(2023, 9, 30),
    )
    assert found["1.2"].start == date(2024, 3, 1)
    assert found["2.1"].start == date(2024, 10, 1)
    assert (found["2.2"].start, found["2.2"].end) == (
        date(2025, 5, 1),
        date(2025, 5, 31),
    )
    # The wording is kept, with the year written after the month.
    assert [a.deadline for a in activities(roadmap)] == [
        "сентябрь 2023",
        "в течение марта 2024",
        "октябрь 2024",
        "май 2025",
    ]
    warnings = "\n".join(roadmap.warnings)
    assert "«май»" in warnings and "Этап 2. Внедрение" in warnings


def test_the_row_wins_over_the_stage_and_a_calendar_year_dates_every_month():
    roadmap = read(
        [
            [C("Этап 2. Внедрение (2024/2025 учебный год)", span=4)],
            ["2.1", "Аттестация наставников в 2026 году", "сентябрь – октябрь", "Куратор"],
            ["2.2", "Конференция (2025 г.)", "в течение февраля", "Куратор"],
        ]
    )  # fmt: skip
    first, second = (dated(a, roadmap) for a in activities(roadmap))
    assert (first.kind, first.start, first.end) == (
        RANGE,
        date(2026, 9, 1),
        date(2026, 10, 31),
    )
    assert first.start.year == 2026 and second.start == date(2025, 2, 1)
    assert any("its row" in w or "строк" in w for w in roadmap.warnings)


def test_an_academic_year_across_the_new_year_splits_a_range():
    roadmap = read(
        [
            [C("Этап 3. 2025-2026 учебный год", span=4)],
            ["3.1", "Работа пар", "ноябрь – март", "Наставники"],
        ]
    )
    deadline = dated(activities(roadmap)[0], roadmap)
    assert (deadline.start, deadline.end) == (date(2025, 11, 1), date(2026, 3, 31))


def test_without_a_year_in_the_row_or_the_headings_the_month_stays_text():
    roadmap = read(
        [
            [C("Этап 1. Подготовка", span=4)],
            ["1.1", "Разработка программы", "сентябрь", "Директор"],
            # Years outside the plan, or two of them, are no answer either.
            ["1.2", "Отчёт за 2019 год", "в течение октября", "Куратор"],
            ["1.3", "Сравнение 2023 и 2024 годов", "май", "Куратор"],
            ["1.4", "Обновление положения", "приказ № 2024, декабрь", "Директор"],
        ]
    )
    for activity in activities(roadmap):
        assert dated(activity, roadmap).kind == TEXT, activity.deadline
    assert [a.deadline for a in activities(roadmap)] == [
        "сентябрь",
        "в течение октября",
        "май",
        "приказ № 2024, декабрь",
    ]
    kept = [w for w in roadmap.warnings if "kept as text" in w or "текст" in w]
    assert len(kept) == 4


def test_a_one_year_plan_is_unchanged():
    roadmap = read(
        [["1", "Закрепление пар (2023 г.)", "октябрь", "Куратор"]],
        title="Дорожная карта наставничества на 2024/2025 учебный год",
    )
    activity = activities(roadmap)[0]
    assert activity.deadline == "октябрь"
    assert dated(activity, roadmap).start == date(2024, 10, 1)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    first_year=st.integers(2020, 2027),
    length=st.integers(2, 5),
    offset=st.integers(0, 4),
    month=st.sampled_from(sorted(MONTH_FORMS)),
    form=st.integers(0, 2),
    heading_has_year=st.booleans(),
)
def test_a_bare_month_is_dated_only_from_its_stage(
    first_year, length, offset, month, form, heading_has_year
):
    last_year = first_year + length
    stage_year = first_year + min(offset, length - 1)
    heading = "Этап 1. Внедрение"
    if heading_has_year:
        heading += f" ({stage_year}/{stage_year + 1} учебный год)"
    roadmap = read(
        [
            [C(heading, span=4)],
            ["1.1", "Работа наставнических пар", MONTH_FORMS[month][form], "Куратор"],
        ],
        title=f"Дорожная карта наставничества на {first_year}-{last_year} гг.",
    )
    deadline = dated(activities(roadmap)[0], roadmap)
    if heading_has_year:
        expected = stage_year if month >= 9 else stage_year + 1
        assert (deadline.kind, deadline.start) == (RANGE, date(expected, month, 1))
    else:
        assert deadline.kind == TEXT
        assert any("«" + MONTH_FORMS[month][form] + "»" in w for w in roadmap.warnings)

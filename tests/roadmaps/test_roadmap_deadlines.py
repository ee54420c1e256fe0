"""Deadlines as written in the real roadmaps (../shared/seeds, samples)."""

from datetime import date

import pytest

from mentoring_wagtail.roadmaps.deadlines import parse_deadline

D = date
# wording, academic year, kind, start, end, exact
WORDINGS = [
    ("31.10.2021", "", "date", D(2021, 10, 31), D(2021, 10, 31), True),
    ("До 10 апреля 2022", "", "date", None, D(2022, 4, 10), True),
    ("До 01.11.2022", "", "date", None, D(2022, 11, 1), True),
    ("До 01 ноября 2022", "", "date", None, D(2022, 11, 1), True),
    ("до 1 октября 2024", "", "date", None, D(2024, 10, 1), True),
    ("Сентябрь 2024", "", "range", D(2024, 9, 1), D(2024, 9, 30), True),
    ("Март 2022 г.", "", "range", D(2022, 3, 1), D(2022, 3, 31), True),
    ("октябрь 2021.", "", "range", D(2021, 10, 1), D(2021, 10, 31), True),
    ("февраль 2023", "", "range", D(2023, 2, 1), D(2023, 2, 28), True),
    ("1.01.22-31.12.22", "", "range", D(2022, 1, 1), D(2022, 12, 31), True),
    ("1.01.22-31.03.2023", "", "range", D(2022, 1, 1), D(2023, 3, 31), True),
    ("С 1.11 – 31.12. 2021", "", "range", D(2021, 11, 1), D(2021, 12, 31), True),
    ("Ноябрь 2021 - май 2022", "", "range", D(2021, 11, 1), D(2022, 5, 31), True),
    ("Январь – февраль 2023.", "", "range", D(2023, 1, 1), D(2023, 2, 28), True),
    (
        "27.10.2021 15.12.2021 23.03.2022 09.11.2022\n18.01.2023",
        "",
        "range",
        D(2021, 10, 27),
        D(2023, 1, 18),
        True,
    ),
    (
        "Апрель 2023., далее - ежегодно сентябрь-октябрь",
        "",
        "range",
        D(2023, 4, 1),
        D(2023, 4, 30),
        False,
    ),
    (
        "до 15 апреля 2023 года., далее – по мере необходимости",
        "",
        "date",
        None,
        D(2023, 4, 15),
        False,
    ),
    (
        "Планируется в ноябре 2023 далее – по мере необходимости",
        "",
        "range",
        D(2023, 11, 1),
        D(2023, 11, 30),
        False,
    ),
    (
        "С декабря 2023 г. на регулярной основе до завершения наставничества",
        "",
        "range",
        D(2023, 12, 1),
        None,
        False,
    ),
    ("Ежегодно в мае", "2024/2025", "recurring", D(2025, 5, 1), D(2025, 5, 31), True),
    (
        "Ежегодно октябрь",
        "2022/2023",
        "recurring",
        D(2022, 10, 1),
        D(2022, 10, 31),
        True,
    ),
    (
        "Ежегодно в мае учебного года",
        "2022/2023",
        "recurring",
        D(2023, 5, 1),
        D(2023, 5, 31),
        True,
    ),
    (
        "Ежегодно в мае, августе",
        "2024/2025",
        "recurring",
        D(2025, 5, 1),
        D(2025, 8, 31),
        True,
    ),
    ("Ежегодно в июне", "", "recurring", None, None, True),
    ("Весь период", "", "text", None, None, True),
    ("по мере необходимости", "", "text", None, None, True),
    (
        "в соответствии со сроками, устанавливаемыми Минпросвещения России",
        "",
        "text",
        None,
        None,
        True,
    ),
    ("В течение года", "", "text", None, None, True),
    ("Периодически", "", "text", None, None, True),
    (
        "В зависимости от потребности В течение первого месяца",
        "",
        "text",
        None,
        None,
        True,
    ),
    ("", "", "text", None, None, True),
]
# Wordings without a year in a 2024/2025 roadmap (seeds 002, 003, 004):
# September–December fall in 2024, January–August in 2025.
Y = "2024/2025"
ACADEMIC_YEAR_WORDINGS = [
    ("до 15.09", Y, "date", None, D(2024, 9, 15), True),
    ("до 15.03", Y, "date", None, D(2025, 3, 15), True),
    ("15 октября", Y, "date", D(2024, 10, 15), D(2024, 10, 15), True),
    ("до 20 мая", Y, "date", None, D(2025, 5, 20), True),
    ("с 01.09 по 30.12", Y, "range", D(2024, 9, 1), D(2024, 12, 30), True),
    ("с 01.12 по 28.02", Y, "range", D(2024, 12, 1), D(2025, 2, 28), True),
    ("октябрь", Y, "range", D(2024, 10, 1), D(2024, 10, 31), True),
    ("Январь", Y, "range", D(2025, 1, 1), D(2025, 1, 31), True),
    ("в мае", Y, "range", D(2025, 5, 1), D(2025, 5, 31), True),
    ("сентябрь-октябрь", Y, "range", D(2024, 9, 1), D(2024, 10, 31), True),
    ("ноябрь – март", Y, "range", D(2024, 11, 1), D(2025, 3, 31), True),
    ("Август 2024", Y, "range", D(2024, 8, 1), D(2024, 8, 31), True),
    ("IV квартал 2024", Y, "range", D(2024, 10, 1), D(2024, 12, 31), True),
    ("IV квартал 2024", "", "range", D(2024, 10, 1), D(2024, 12, 31), True),
    ("I квартал", Y, "range", D(2025, 1, 1), D(2025, 3, 31), True),
    ("1 полугодие", Y, "range", D(2024, 9, 1), D(2024, 12, 31), True),
    ("2 полугодие", Y, "range", D(2025, 1, 1), D(2025, 5, 31), True),
    (
        "II полугодие 2024/2025 уч. года",
        "",
        "range",
        D(2025, 1, 1),
        D(2025, 5, 31),
        True,
    ),
    ("первое полугодие", Y, "range", D(2024, 9, 1), D(2024, 12, 31), True),
    ("В течение года", Y, "range", D(2024, 9, 1), D(2025, 8, 31), True),
    ("в течение учебного года", Y, "range", D(2024, 9, 1), D(2025, 8, 31), True),
    ("Ежегодно в мае", Y, "recurring", D(2025, 5, 1), D(2025, 5, 31), True),
    ("Ежегодно октябрь", Y, "recurring", D(2024, 10, 1), D(2024, 10, 31), True),
    ("В течение первого месяца", Y, "text", None, None, True),
    ("Периодически", Y, "text", None, None, True),
    ("до 1 октября 2024", Y, "date", None, D(2024, 10, 1), True),
]


@pytest.mark.parametrize(
    "wording, year, kind, start, end, exact", WORDINGS + ACADEMIC_YEAR_WORDINGS
)
def test_real_wordings(wording, year, kind, start, end, exact):
    deadline = parse_deadline(wording, year)
    assert (deadline.kind, deadline.start, deadline.end, deadline.exact) == (
        kind,
        start,
        end,
        exact,
    )
    assert deadline.text == wording


def test_recurring_months_are_listed():
    assert parse_deadline("Ежегодно в мае, августе").months == (5, 8)


def test_overdue_and_timeline_months():
    deadline = parse_deadline("Ноябрь 2021 - январь 2022")
    assert deadline.is_overdue(D(2022, 2, 1)) and not deadline.is_overdue(
        D(2022, 1, 31)
    )
    assert deadline.month_keys() == [(2021, 11), (2021, 12), (2022, 1)]
    assert parse_deadline("Весь период").month_keys() == []

"""Which result wordings (from the seeds) cite an order, by number and date."""

import datetime

import pytest

from mentoring_wagtail.roadmaps.evidence_suggestions import cited_orders

D = datetime.date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Приказ №32 от 04.09.2024 г.", [("32", D(2024, 9, 4))]),
        ("Приказ №21 от 30.08.2024 г.", [("21", D(2024, 8, 30))]),
        ("Издан приказ ОО от 10.01.2023 г. № 05-ОД", [("05-ОД", D(2023, 1, 10))]),
        (
            "План утвержден приказом ОО от от 10.01.2023 г. № 05-ОД",
            [("05-ОД", D(2023, 1, 10))],
        ),
        (
            "Приказ № 21 от 30.08.2024 г.; приказ № 32 от 04.09.2024",
            [("21", D(2024, 8, 30)), ("32", D(2024, 9, 4))],
        ),
        ("Протокол педагогического совета №1 от 30.08.2024 г", []),
        ("Приказ о внедрении целевой модели наставничества", []),
        ("Приказ №32", []),  # no date: the registry cannot tell which year
        ("Приказ №5 от 31.02.2024", []),  # no such day
    ],
)
def test_citations(text, expected):
    assert [(number, day) for number, day, _cited in cited_orders(text)] == expected

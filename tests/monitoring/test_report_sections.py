"""The yearly report a school would sign (issue 23): seed 001's sections, the
documents in force that year, shares of the whole school from the totals."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document as WordDocument

from mentoring_wagtail.models import MentoringProgramme, Regulation
from mentoring_wagtail.monitoring.report import build_report
from tests.documents_support import publish_obj

from .support import YEAR, seed_001_school
from .test_export_report import _roadmap

pytestmark = pytest.mark.django_db


def _read(site, year=YEAR):
    doc = WordDocument(io.BytesIO(build_report(site, year)))
    text = "\n".join(p.text for p in doc.paragraphs)
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in doc.tables
    ]
    return doc, text, tables


def _programme(site, title, date, summary=""):
    return publish_obj(
        MentoringProgramme.objects.create(
            site=site, title=title, date=date, summary=summary
        )
    )


def test_the_report_has_seed_001_sections_in_order():
    school = seed_001_school(with_answers=False)
    _roadmap(school["section"])
    doc, _text, _tables = _read(school["site"])
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    expected = [
        "Нормативно-правовое обоснование",
        "Цель и задачи реализации",
        "Концептуальное обоснование и механизмы реализации",
        "Формы наставничества",
        "Этапы реализации программы наставничества",
        "Целевые показатели",
        "Отчёт об исполнении дорожной карты",
        "Выводы и планы",
    ]
    positions = [
        next(i for i, h in enumerate(headings) if part in h) for part in expected
    ]
    assert positions == sorted(positions), headings


def test_forms_with_counts_and_stages_with_what_was_done():
    school = seed_001_school(with_answers=False)
    _roadmap(school["section"])
    _doc, text, tables = _read(school["site"])
    forms = next(t for t in tables if t[0][0] == "Форма наставничества")
    assert forms[-1] == ["Итого", "0", "15"]
    assert "Цикл наставничества включает 1 этап:" in text
    assert (
        "Этап 1. Формирование базы наставников: выполнено 1 из 2 мероприятий." in text
    )
    assert "Обучение наставников" in text  # the activity that was done


def test_the_programme_is_chosen_by_the_year():
    school = seed_001_school(with_answers=False)
    site = school["site"]
    # The only programme is for 2024–2027: not in force in 2022/2023.
    _programme(
        site,
        "Программа наставничества на 2024–2027 годы",
        datetime.date(2024, 8, 30),
        "Цель программы 2024 года.",
    )
    _doc, text, _tables = _read(site)
    assert "2024–2027" not in text and "Цель программы 2024 года." not in text
    assert (
        "действовавшая в 2022-2023 учебном году, в реестре документов не найдена"
        in (text)
    )
    old = _programme(
        site,
        "Программа наставничества на 2022–2024 годы",
        datetime.date(2022, 8, 29),
        "Раскрытие потенциала личности наставляемого.",
    )
    regulation = publish_obj(
        Regulation.objects.create(
            site=site,
            title="Положение о наставничестве",
            number="12",
            date=datetime.date(2022, 8, 29),
        )
    )
    _doc, text, _tables = _read(site)
    assert "Раскрытие потенциала личности наставляемого." in text
    assert old.title in text and regulation.title in text
    assert "2024–2027" not in text
    # In 2025/2026 the newer programme is in force, the old one has expired.
    _doc, text, _tables = _read(site, "2025/2026")
    assert "2024–2027" in text and old.title not in text


def test_shares_of_the_whole_school_come_from_the_years_totals():
    school = seed_001_school(with_answers=False)
    year = school["year"]
    _doc, text, tables = _read(school["site"])
    assert "доли от всей школы не рассчитаны" in text
    year.students_total = 550
    year.teachers_total = 40
    year.full_clean()
    year.save()
    _doc, text, tables = _read(school["site"])
    indicators = next(t for t in tables if t[0][1] == "Наименование показателя")
    header = indicators[0]
    assert "Доля от всех обучающихся (педагогов) школы" in header
    rows = {row[1]: row for row in indicators[1:]}
    pupils = next(row for label, row in rows.items() if "от 10 до 19" in label)
    assert pupils[2] == "55 из 108 – 51 %"  # of the base, as the seed reports
    assert pupils[3] == "55 из 550 – 10 %"  # of the whole school
    teachers = next(row for label, row in rows.items() if "педагогов" in label)
    assert teachers[3] == "4 из 40 – 10 %"
    assert "Всего обучающихся в школе: 550; всего педагогов: 40." in text


def test_a_total_smaller_than_its_part_is_refused():
    school = seed_001_school(with_answers=False)
    year = school["year"]
    year.students_total = 50  # fewer than the 108 pupils aged 10–19
    with pytest.raises(ValidationError) as error:
        year.full_clean()
    assert "students_total" in error.value.message_dict

"""The regional centre's export and the yearly report filed as a draft."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document as WordDocument
from openpyxl import load_workbook

from mentoring_wagtail.models import ProgrammeDocument, RoadmapPage
from mentoring_wagtail.monitoring.export import safe, to_csv
from mentoring_wagtail.monitoring.report import build_report
from tests.approvals_support import setup_roles

from .support import YEAR, make_group, make_mentee, make_mentor, seed_001_school

pytestmark = pytest.mark.django_db


def _roadmap(section):
    activity = {
        "number": "16",
        "title": "Обучение наставников",
        "deadline": "Июнь 2023",
        "responsible": "Ответственный за внедрение целевой модели наставничества",
        "status": "done",
        "actual_result": "Количество наставников, прошедших обучение на базе ОО – 15",
    }
    page = RoadmapPage(
        title="Дорожная карта 2022/2023",
        slug="roadmap",
        academic_year=YEAR,
        stages=[
            {
                "type": "stage",
                "value": {
                    "title": "Формирование базы наставников",
                    "goal": "",
                    "activities": [
                        activity,
                        {
                            **activity,
                            "number": "26",
                            "title": "Заключительная встреча",
                            "status": "planned",
                            "actual_result": "Программа не завершена",
                        },
                    ],
                },
            }
        ],
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


def _tables(content):
    doc = WordDocument(io.BytesIO(content))
    return doc, [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in doc.tables
    ]


def test_report_has_the_indicators_forms_and_roadmap_activities():
    school = seed_001_school()
    school["year"].conclusions = "Расширить базу наставников."
    school["year"].save()
    _roadmap(school["section"])
    doc, tables = _tables(build_report(school["site"], YEAR))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Информация о реализации дорожной карты" in text and "2022-2023" in text
    assert "№ 273-ФЗ" in text
    assert "Расширить базу наставников." in text
    by_header = {table[0][0]: table for table in tables}
    forms = by_header["Форма наставничества"]
    indicators = next(t for t in tables if t[0][1] == "Наименование показателя")
    roadmap = next(t for t in tables if t[0][1] == "Мероприятия")
    assert ["учитель – ученик", "0", "10"] in forms
    assert ["ученик – ученик", "0", "3"] in forms
    values = {row[1]: row[2] for row in indicators[1:]}
    assert "33 из 59 – 56 %" in values.values() and "8 из 12 – 67 %" in values.values()
    assert any(
        row[1].startswith("Уровень удовлетворённости наставляемых")
        for row in indicators
    )
    assert roadmap[1][0] == "Формирование базы наставников"
    assert roadmap[2] == [
        "16",
        "Обучение наставников",
        "Июнь 2023",
        "Ответственный за внедрение целевой модели наставничества",
        "выполнено",
        "Количество наставников, прошедших обучение на базе ОО – 15",
    ]
    assert roadmap[3][4] != "выполнено"


def _groups(site, count, offset):
    mentor = make_mentor(site, "teacher", offset, 1980)
    for i in range(count):
        make_group(
            site,
            mentor,
            [make_mentee(site, "student", offset + i, 2010)],
            "teacher-student",
        )


def test_report_queries_do_not_grow_with_groups():
    school = seed_001_school(with_answers=False)
    _roadmap(school["section"])
    with CaptureQueriesContext(connection) as few:
        build_report(school["site"], YEAR)
    _groups(school["site"], 50, 5000)
    with CaptureQueriesContext(connection) as many:
        build_report(school["site"], YEAR)
    assert len(few) == len(many)


def test_generate_report_files_a_draft_programme_document(client):
    roles = setup_roles()
    school = seed_001_school(with_answers=False)
    url = f"/admin/mentoring-monitoring/year/{school['year'].pk}/report/"
    client.force_login(roles["secretary"])
    # mentoring_setup drafts the school's ПЭП regulation: reports are the new rows.
    before = set(ProgrammeDocument.objects.values_list("pk", flat=True))
    refused = client.post(url)
    assert refused.status_code in (302, 403) and refused.get("Location") != url
    assert set(ProgrammeDocument.objects.values_list("pk", flat=True)) == before
    client.force_login(roles["curator"])
    page = client.get(f"/admin/mentoring-monitoring/year/{school['year'].pk}/")
    assert "Сформировать отчёт" in page.content.decode()
    response = client.post(url)
    # The .docx comes at once, as a download.
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".docx" in response["Content-Disposition"]
    record = ProgrammeDocument.objects.exclude(pk__in=before).get()
    assert (record.live, record.kind, record.site) == (
        False,
        "analytical_report",
        school["site"],
    )
    assert record.latest_revision is not None
    doc, tables = _tables(response.content)
    indicators = next(t for t in tables if t[0][1] == "Наименование показателя")
    assert any("55 из 108 – 51 %" in row for row in indicators)
    assert record.file.file.read() == response.content


def test_export_for_the_regional_centre(client):
    roles = setup_roles()
    school = seed_001_school()
    base = f"/admin/mentoring-monitoring/year/{school['year'].pk}/export"
    client.force_login(roles["secretary"])  # in the admin, without monitoring rights
    refused = client.get(f"{base}.csv")
    assert refused.status_code in (302, 403) and "Content-Disposition" not in refused
    client.force_login(roles["curator"])
    response = client.get(f"{base}.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [r for r in rows if r[5] == "33 из 59 – 56 %"][0][1:4] == [33, 59, 56]
    response = client.get(f"{base}.csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["8", "12", "67"] in [r[1:4] for r in rows]
    assert client.get(f"{base}.exe").status_code == 404


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)"])
def test_exports_do_not_run_formulas(value):
    assert safe(value).startswith("'")
    cell = next(
        csv.reader(io.StringIO(to_csv([[value]]).decode("utf-8-sig")), delimiter=";")
    )[0]
    assert cell == "'" + value
    assert safe("Обычный текст") == "Обычный текст" and safe(5) == 5

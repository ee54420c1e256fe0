"""Bases from Excel/CSV: preview with per-row errors, all or nothing; safe exports."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from wagtail.models import ModelLogEntry

from mentoring_wagtail.participants.bases.columns import MENTEE_COLUMNS, MENTOR_COLUMNS
from mentoring_wagtail.participants.models import Mentee, Mentor, Person
from tests.approvals_support import denied, login, make_user, setup_roles
from tests.module_state import add_mentoring_section, built_once

from .support import MENTEE_HEADER, TODAY, make_mentee

pytestmark = pytest.mark.django_db

YEAR = TODAY.year


def mentee_row(last_name, **changes):
    row = {
        "Фамилия": last_name,
        "Имя": "Ксения",
        "Отчество": "Игоревна",
        "Категория": "ученик",
        "Класс/группа": "7 «Б»",
        "Год рождения": YEAR - 13,
        "Запрос": "учебный",
        "Запрос (описание)": "подтянуть алгебру",
        "Источник запроса": "классный руководитель",
        "Интересы": "робототехника",
        "Согласие на обработку ПДн (дата)": "01.09.2025",
        "Законный представитель (ФИО)": f"{last_name}а Ольга Петровна",
        "Кем приходится": "мать",
        "Согласие на публикацию": "нет",
    }
    row.update(changes)
    return [row[name] for name in MENTEE_HEADER]


def xlsx(rows, header=MENTEE_HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def section_and_curator():
    section = add_mentoring_section()
    setup_roles()
    return section, make_user("curator", "curator")


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, curator = built_once(section_and_curator)


def upload(client, data, name="base.xlsx", base="mentees"):
    return client.post(
        reverse("mentoring_bases:import", args=[base]),
        {"file": SimpleUploadedFile(name, data)},
    )


def token_of(response):
    match = re.search(r'name="token" value="([^"]+)"', response.text)
    return match.group(1) if match else None


def row_errors(response):
    return re.findall(r"data-row-error>([^<]+)<", response.text)


def test_preview_then_save_everything(client, curator):
    login(client, curator)
    response = upload(client, xlsx([mentee_row("Лисицына"), mentee_row("Барсуков")]))
    assert response.status_code == 200
    assert "Лисицына" in response.text and not row_errors(response)
    assert not Person.objects.exists()  # a preview saves nothing
    token = token_of(response)
    response = client.post(
        reverse("mentoring_bases:import", args=["mentees"]), {"token": token}
    )
    assert response.status_code == 302
    mentee = Mentee.objects.get(person__last_name="Лисицына")
    assert (
        mentee.request_kind == "academic" and mentee.request_source == "class_teacher"
    )
    consent = mentee.person.consents.get()
    assert consent.given_by == "legal_representative"
    assert consent.representative_relation == "мать"
    assert mentee.person.has_processing_consent
    entry = ModelLogEntry.objects.get(action="mentoring_participants.import_base")
    assert entry.user == curator and entry.data["count"] == 2


@pytest.mark.parametrize(
    ("changes", "column", "words"),
    [
        ({"Год рождения": YEAR - 60}, "Год рождения", "60"),
        ({"Год рождения": "тринадцать"}, "Год рождения", "тринадцать"),
        ({"Категория": "директор"}, "Категория", "директор"),
        (
            {"Согласие на обработку ПДн (дата)": "вчера"},
            "Согласие на обработку ПДн (дата)",
            "вчера",
        ),
        ({"Законный представитель (ФИО)": ""}, "Законный представитель (ФИО)", ""),
        ({"Фамилия": ""}, "Фамилия", ""),
    ],
)
def test_a_broken_row_is_named_and_nothing_is_saved(
    client, curator, changes, column, words
):
    login(client, curator)
    rows = [mentee_row("Лисицына"), mentee_row("Барсуков", **changes)]
    response = upload(client, xlsx(rows))
    errors = row_errors(response)
    assert errors and all("3" in error for error in errors), errors
    assert any(f"«{column}»" in error for error in errors), errors
    assert words in " ".join(errors)
    assert token_of(response) is None
    assert not Person.objects.exists()


def test_a_formula_is_refused(client, curator):
    login(client, curator)
    rows = [mentee_row("Лисицына", **{"Интересы": '=HYPERLINK("http://evil","x")'})]
    response = upload(client, xlsx(rows))
    errors = row_errors(response)
    assert any(
        "2" in e and "«Интересы»" in e and "формул" in e.lower() for e in errors
    ), errors
    assert token_of(response) is None
    assert not Person.objects.exists()


def test_csv_in_windows_1251_with_semicolons(client, curator):
    login(client, curator)
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    writer.writerow(MENTEE_HEADER)
    writer.writerow(mentee_row("Соколова"))
    response = upload(client, output.getvalue().encode("cp1251"), name="base.csv")
    assert not row_errors(response) and token_of(response)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "base.xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "base.xls"),
        (b"", "base.csv"),
        (b"\x00\x01\x02binary", "base.csv"),
    ],
)
def test_a_broken_file_gets_a_message(client, curator, data, name):
    login(client, curator)
    response = upload(client, data, name=name)
    assert response.status_code == 200
    assert "error-message" in response.text or "help-critical" in response.text
    assert not Person.objects.exists()


def test_missing_columns_and_duplicates_are_named(client, curator):
    login(client, curator)
    response = upload(client, xlsx([["Иванова"]], header=["Фамилия"]))
    assert "«Имя»" in response.text and token_of(response) is None
    make_mentee(
        last_name="Лисицына",
        first_name="Ксения",
        patronymic="Игоревна",
        birth_year=YEAR - 13,
    )
    response = upload(
        client, xlsx([mentee_row("Лисицына"), mentee_row("Орлов"), mentee_row("Орлов")])
    )
    errors = row_errors(response)
    assert any(e.startswith("Строка 2") for e in errors)
    assert any(e.startswith("Строка 4") and "3" in e for e in errors)
    assert token_of(response) is None


def test_mentor_base_with_forms(client, curator):
    login(client, curator)
    header = [c.header for c in MENTOR_COLUMNS]
    values = {
        "Фамилия": "Громова",
        "Имя": "Анна",
        "Категория": "учитель",
        "Год рождения": YEAR - 41,
        "Предмет/направление": "физика",
        "Компетенции": "физика, олимпиады",
        "Наставляемых не более": 3,
        "Формы наставничества": "учитель – ученик; учитель – учитель",
        "Статус": "утверждён",
        "Согласие на обработку ПДн (дата)": "2025-08-30",
    }
    response = upload(
        client, xlsx([[values.get(h, "") for h in header]], header), base="mentors"
    )
    assert not row_errors(response), row_errors(response)
    client.post(
        reverse("mentoring_bases:import", args=["mentors"]),
        {"token": token_of(response)},
    )
    mentor = Mentor.objects.get()
    assert mentor.capacity == 3 and mentor.status == "approved"
    assert {f.code for f in mentor.forms.all()} == {
        "teacher-student",
        "teacher-teacher",
    }


def test_a_tampered_token_saves_nothing(client, curator):
    login(client, curator)
    response = upload(client, xlsx([mentee_row("Лисицына")]))
    token = token_of(response)
    client.post(
        reverse("mentoring_bases:import", args=["mentees"]),
        {"token": token[:-3] + "AAA"},
    )
    assert not Person.objects.exists()


def test_exports_are_formula_safe_and_logged(client, curator):
    make_mentee(last_name="Формулова", interests='=HYPERLINK("http://evil")')
    hidden = make_mentee(last_name="Скрытова")
    consent = hidden.person.consents.get()
    consent.withdrawn_on = TODAY
    consent.save()
    login(client, curator)
    response = client.get(reverse("mentoring_bases:export", args=["mentees", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [c.header for c in MENTEE_COLUMNS]
    assert len(rows) == 2
    interests = rows[1][rows[0].index("Интересы")]
    assert interests.startswith("'=")
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    text = client.get(
        reverse("mentoring_bases:export", args=["mentees", "csv"])
    ).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "Скрытова" not in text
    assert (
        ModelLogEntry.objects.filter(
            action="mentoring_participants.export_base"
        ).count()
        == 2
    )


def test_export_then_import_round_trip(client, curator):
    make_mentee(last_name="Круговая")
    login(client, curator)
    data = client.get(
        reverse("mentoring_bases:export", args=["mentees", "xlsx"])
    ).content
    Person.objects.all().delete()
    response = upload(client, data)
    assert not row_errors(response), row_errors(response)
    assert token_of(response)


@pytest.mark.parametrize(
    "role", ["secretary", "mentor", "methodologist", "site_editor"]
)
def test_only_curators_import_and_export(client, mentoring_section, role):
    setup_roles()
    login(client, make_user(role, role))
    assert denied(upload(client, xlsx([mentee_row("Лисицына")])))
    for file_format in ("xlsx", "csv"):
        assert denied(
            client.get(reverse("mentoring_bases:export", args=["mentees", file_format]))
        )
    assert not Person.objects.exists()

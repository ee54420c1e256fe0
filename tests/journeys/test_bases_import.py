"""The curator imports the mentees' base from Excel, in headless Chromium at
both paces (``pace``): the table is made here the way a Russian school's
Excel looks (Russian headers, Cyrillic names, the consent's date once as
«01.09.2025» text and once as a real date cell); she uploads it through the
listing's «Загрузить из Excel», reads the preview, saves, and finds the people
in the listing. A broken file then gets a Russian message and changes nothing.
"""

import datetime
import io
import re

import pytest
from openpyxl import Workbook

from mentoring_wagtail.participants.models import Mentee, Person

from ..participants.support import MENTEE_HEADER
from .support import log_in, messages, open_menu, school_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = MENTEE_HEADER
BIRTH_YEAR = datetime.date.today().year - 13
PUPILS = [
    # (surname, first name, patronymic, the consent's date as the school typed it)
    ("Лисицына", "Ксения", "Игоревна", "01.09.2025"),
    ("Барсуков", "Ёжик", "Петрович", datetime.datetime(2025, 9, 2)),
    ("Щукина", "Алёна", "Сергеевна", "03.09.2025"),
]


def pupil_row(surname, name, patronymic, consent_date):
    return [
        surname,
        name,
        patronymic,
        "ученик",
        "7 «Б»",
        BIRTH_YEAR,
        "учебный",
        "подтянуть алгебру",
        "классный руководитель",
        "робототехника",
        consent_date,
        f"{surname} Ольга Петровна",
        "мать",
        "нет",
    ]


def school_excel(path, rows):
    """An .xlsx as a school fills one: a header row, one row per pupil, the
    real date cells shown as dd.mm.yyyy."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Наставляемые"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    for cell in sheet["K"][1:]:
        if isinstance(cell.value, datetime.datetime):
            cell.number_format = "DD.MM.YYYY"
    output = io.BytesIO()
    workbook.save(output)
    path.write_bytes(output.getvalue())
    return path


@pytest.fixture
def curator(live_server, mentoring_section):
    return school_staff("curator")


def upload(j, path):
    page = j.page
    j.pause()
    page.set_input_files("input[type='file'][name='file']", str(path))
    j.click(page.get_by_role("button", name="Проверить файл"))


def test_curator_imports_the_mentees_from_a_schools_excel(
    journey, live_server, curator, tmp_path
):
    j, url, page = journey, live_server.url, journey.page
    j.allowed |= set(curator)
    good = school_excel(tmp_path / "наставляемые.xlsx", [pupil_row(*p) for p in PUPILS])
    log_in(j, url, "curator")
    j.stage("import")
    open_menu(j, "Участники", "База наставляемых")
    # «Загрузить из Excel» is among the header's «…» actions.
    more = page.locator(
        "header.w-slim-header .w-dropdown__toggle:has(.icon-dots-horizontal)"
    )
    j.click(more, navigates=False)
    j.click(page.get_by_role("link", name="Загрузить из Excel"))
    upload(j, good)
    # The preview: every pupil as read, nothing saved yet.
    preview = page.locator("[data-preview]").inner_text()
    for surname, name, _patronymic, _date in PUPILS:
        assert surname in preview and name in preview, preview
    assert page.locator("[data-row-error], [data-file-errors]").count() == 0
    assert not Person.objects.exists()
    j.click(page.get_by_role("button", name=re.compile("Сохранить 3")))
    assert "3" in messages(page)
    listing = page.locator("main").inner_text()
    for surname, _name, _patronymic, _date in PUPILS:
        assert surname in listing, listing
    consents = sorted(
        str(m.person.consents.get().given_on) for m in Mentee.objects.all()
    )
    assert consents == ["2025-09-01", "2025-09-02", "2025-09-03"]
    j.record("curator imports the mentees from Excel", j.since("import"))

    # A broken file: a date that does not exist and a surname left out.
    j.stage("broken")
    broken = school_excel(
        tmp_path / "наставляемые-2.xlsx",
        [
            pupil_row("Ершова", "Вера", "Ивановна", "31.02.2025"),
            pupil_row("", "Пётр", "Ильич", "04.09.2025"),
        ],
    )
    j.click(more, navigates=False)
    j.click(page.get_by_role("link", name="Загрузить из Excel"))
    upload(j, broken)
    errors = " ".join(page.locator("[data-row-error]").all_inner_texts())
    assert "«Согласие на обработку ПДн (дата)»" in errors, errors
    assert "«Фамилия»" in errors, errors
    assert page.get_by_role("button", name=re.compile("^Сохранить")).count() == 0
    assert Person.objects.count() == len(PUPILS)  # nothing changed
    assert not Person.objects.filter(last_name="Ершова").exists()
    j.record("a broken file is refused in Russian", j.since("broken"))
    j.record("whole journey")
    j.assert_clean()

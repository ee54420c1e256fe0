"""Every CSV and XLSX the admin offers opens right in Russian Excel (issue 23).

The endpoints are enumerated, not listed: every admin viewset of the package
with a ``list_export`` (Wagtail's listing exports), and every module that
answers ``text/csv`` (a new one fails ``test_every_csv_endpoint_is_known``
until it is covered here). CSV: UTF-8 with a BOM, «;», quotes where a field
holds «;», «,», a quote or a line break, decimals with a comma, dates
01.09.2025, formulas escaped. XLSX: a Russian sheet name, labels of choices,
typed numbers and dates, a bold frozen header, fitted widths.
"""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook
from wagtail.admin.viewsets import viewsets

from mentoring_wagtail.models import MentoringProgramme, ProgrammeDocument, Regulation
from mentoring_wagtail.monitoring.models import MonitoringYear
from mentoring_wagtail.portfolios.models import Award
from mentoring_wagtail.spreadsheets.csv_format import csv_bytes
from tests.documents_support import make_order, make_site_tree
from tests.participants import support as people

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parent.parent / "mentoring_wagtail"
# Modules that answer text/csv, each exercised below.
KNOWN_CSV_MODULES = {
    "spreadsheets/csv_format.py",
    "monitoring/admin/views.py",
    "participants/admin/bases.py",
}
TRICKY = 'О парах; группах, «кавычках» и "кавычках"'


@pytest.fixture
def data(db):
    site, _section, _registry = make_site_tree()
    order = make_order(
        site=site,
        number="5-ОД",
        date=datetime.date(2025, 9, 1),
        title=TRICKY,
        summary='=HYPERLINK("http://x")',
    )
    for model in (Regulation, MentoringProgramme):
        model.objects.create(site=site, title=TRICKY, date=datetime.date(2025, 9, 1))
    ProgrammeDocument.objects.create(
        site=site, title=TRICKY, date=datetime.date(2025, 9, 1), kind="other"
    )
    mentor = people.make_mentor()
    Award.objects.create(
        mentor=mentor, title="Грамота, 1 место", level="municipal", year=2025
    )
    people.make_mentee(birth_year=2010, interests="шахматы, музыка")
    year = MonitoringYear.objects.create(
        site=site,
        academic_year="2025/2026",
        students_10_19=100,
        target_mentees_10_19="10.5",
    )
    return {"site": site, "order": order, "year": year}


@pytest.fixture
def admin(client, db):
    user = get_user_model().objects.create_superuser("root", "root@school.example", "x")
    client.force_login(user)
    return client


def listing_exports():
    """(viewset name, list URL) of every package viewset with ``list_export``."""
    reverse("wagtailadmin_home")  # the URLconf (and the viewsets) loaded
    found = []
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if isinstance(model, str):
            model = apps.get_model(model)
        if model is None or not model.__module__.startswith("mentoring_wagtail"):
            continue
        columns = getattr(viewset, "list_export", None)
        if not isinstance(columns, list | tuple) or not columns:
            continue
        for name in ("list", "index"):
            try:
                found.append((viewset.name, reverse(viewset.get_url_name(name))))
                break
            except NoReverseMatch:
                continue
    return found


def check_csv(name, content):
    assert content.startswith(b"\xef\xbb\xbf"), f"{name}: no BOM"
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) >= 2, name
    assert len({len(row) for row in rows}) == 1, f"{name}: ragged rows"
    assert ";" in text.splitlines()[0], f"{name}: not «;»-separated"
    # LibreOffice guesses «,» too: a comma stays inside quotes.
    for line in text.splitlines():
        for field in re.findall(r'(?:^|;)("(?:[^"]|"")*"|[^;"]*)', line):
            assert "," not in field or field.startswith('"'), (name, field)
    assert not re.search(r"(^|;)=", text, re.M), f"{name}: a formula runs"
    decimals = [f for row in rows for f in row if re.fullmatch(r"-?\d+\.\d+", f)]
    assert not decimals, f"{name}: decimals with a point: {decimals}"
    return rows


def check_xlsx(name, content):
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        assert not sheet.title.startswith("Sheet"), (name, sheet.title)
        assert re.search("[А-Яа-я]", sheet.title), (name, sheet.title)
        assert sheet.freeze_panes == "A2", name
        assert all(cell.font.b for cell in sheet[1] if cell.value), name
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(width and width >= 8 for width in widths), (name, widths)
        assert all(
            cell.data_type != "f" for row in sheet.iter_rows() for cell in row
        ), name
    return book


def test_listing_exports_are_enumerated():
    names = {name for name, _url in listing_exports()}
    assert len(names) >= 5, names  # orders, regulations, programmes, documents, awards


def test_every_listing_export_opens_right(admin, data):
    for name, url in listing_exports():
        response = admin.get(url, {"export": "csv"})
        assert response.status_code == 200, name
        rows = check_csv(name, b"".join(response.streaming_content))
        assert rows[0][0][:1].isupper(), (name, rows[0])
        response = admin.get(url, {"export": "xlsx"})
        assert response.status_code == 200, name
        content = b"".join(response.streaming_content)
        book = check_xlsx(name, content)
        values = [c.value for row in book.active.iter_rows() for c in row]
        if name.endswith("award") or "award" in name:
            assert "муниципальный" in [str(v).lower() for v in values], values
            assert "municipal" not in values
            assert 2025 in values  # a typed number
        else:
            assert any(isinstance(v, datetime.datetime) for v in values), name
            assert TRICKY in values


def test_the_base_exports_open_right(admin, data):
    for base in ("mentors", "mentees"):
        csv_response = admin.get(reverse("mentoring_bases:export", args=[base, "csv"]))
        rows = check_csv(base, csv_response.content)
        assert len(rows) == 2
        xlsx = admin.get(reverse("mentoring_bases:export", args=[base, "xlsx"]))
        book = check_xlsx(base, xlsx.content)
        header = [c.value for c in book.active[1]]
        born = book.active.cell(row=2, column=header.index("Год рождения") + 1)
        assert isinstance(born.value, int), born.value


def test_the_indicator_exports_open_right(admin, data):
    pk = data["year"].pk
    response = admin.get(reverse("mentoring_monitoring_export", args=[pk, "csv"]))
    rows = check_csv("indicators", response.content)
    assert any("10,5" in row for row in rows)  # a target as a Russian decimal
    xlsx = admin.get(reverse("mentoring_monitoring_export", args=[pk, "xlsx"]))
    book = check_xlsx("indicators", xlsx.content)
    targets = [c.value for c in book.active["E"][1:] if c.value is not None]
    assert 10.5 in targets


def test_the_writer_quotes_and_escapes():
    content = csv_bytes(
        [
            ["Значение, %", 'он сказал "да"', "-1+2", -1, 10.5, None],
            [datetime.date(2025, 9, 1), True, "строка\nперенос", " пробел", 3, 0.25],
        ]
    )
    text = content.decode("utf-8-sig")
    assert text == (
        '"Значение, %";"он сказал ""да""";\'-1+2;-1;"10,5";\r\n'
        '01.09.2025;да;"строка\nперенос";" пробел";3;"0,25"\r\n'
    )


def test_every_csv_endpoint_is_known():
    answering = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "text/csv" in path.read_text(encoding="utf-8")
        or "csv_bytes(" in path.read_text(encoding="utf-8")
        or "to_csv(" in path.read_text(encoding="utf-8")
    }
    answering -= {"monitoring/export.py"}  # defines to_csv over the writer
    # The bases' export builds its file through the one writer
    # (bases/exporting.py); a large one is made by a background job and handed
    # over, as written, by admin/base_exports.py (tests/background/).
    handed_over = {
        "participants/bases/exporting.py",
        "participants/admin/base_exports.py",
    }
    assert answering <= KNOWN_CSV_MODULES | handed_over, answering - KNOWN_CSV_MODULES
    writers = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if re.search(r"csv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8"))
    }
    assert writers == set(), f"CSV written outside the one writer: {writers}"

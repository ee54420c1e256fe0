"""Every Word file the package writes is a Russian office paper (issue 23).

Each file is opened with python-docx (A4, margins, ru-RU in defaults, styles
and settings, a PAGE field from page 2, black headings, the organisation in
the properties) and converted to PDF by Debian's LibreOffice (page size A4,
page count). The order's QR code is decoded with zbarimg and leads to the
registry page that shows the same number and date.
"""

import datetime
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import docx
import pytest
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf import PdfReader

from mentoring_wagtail.approvals.familiarisation_sheet import (
    build_familiarisation_sheet,
)
from mentoring_wagtail.approvals.models import Acknowledgement
from mentoring_wagtail.documents.order_writer import build_order_docx
from mentoring_wagtail.models import OrganisationSettings, Regulation
from mentoring_wagtail.monitoring.report import build_report
from mentoring_wagtail.participants.admin.fixing_order import candidate_groups
from mentoring_wagtail.participants.fixing_order import draft_fixing_order
from mentoring_wagtail.participants.privacy import export_docx
from mentoring_wagtail.roadmaps.word_writer import write_roadmap
from tests.approvals_support import make_user, setup_roles
from tests.documents_support import make_order, make_site_tree
from tests.monitoring.support import YEAR, seed_001_school
from tests.participants import support as people
from tests.roadmaps.test_roadmap_pages import make_roadmap

pytestmark = pytest.mark.django_db

A4 = (Mm(210), Mm(297))
A4_POINTS = (595.3, 841.9)
ORGANISATION = "Муниципальное бюджетное общеобразовательное учреждение"


def soffice():
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice is not installed (scripts/test installs it)")
    return found


def to_pdf(files, tmp_path):
    """{name: PdfReader} for {name: docx bytes}, in one LibreOffice run."""
    source = tmp_path / "docx"
    source.mkdir()
    for name, data in files.items():
        (source / f"{name}.docx").write_bytes(data)
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *sorted(str(path) for path in source.glob("*.docx")),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {name: PdfReader(out / f"{name}.pdf") for name in files}


def assert_office_paper(name, data, landscape=False):
    document = docx.Document(io.BytesIO(data))
    for section in document.sections:
        size = (section.page_width, section.page_height)
        expected = tuple(reversed(A4)) if landscape else A4
        assert all(abs(a - b) < Mm(1) for a, b in zip(size, expected, strict=True)), (
            name,
            size,
        )
        assert abs(section.left_margin - Mm(30)) < Mm(1), name
        assert abs(section.right_margin - Mm(10)) < Mm(1), name
        assert abs(section.top_margin - Mm(20)) < Mm(1), name
        assert abs(section.bottom_margin - Mm(20)) < Mm(1), name
        # Numbers from the second page: a different first page, PAGE above.
        assert section.different_first_page_header_footer, name
        instructions = section.header._element.iter(qn("w:instrText"))
        assert any("PAGE" in (node.text or "") for node in instructions), name
        assert all(
            "PAGE" not in (node.text or "")
            for node in section.first_page_header._element.iter(qn("w:instrText"))
        ), name
    styles = document.styles.element
    default_lang = styles.find(qn("w:docDefaults")).find(
        f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    assert default_lang.get(qn("w:val")) == "ru-RU", name
    langs = {node.get(qn("w:val")) for node in styles.iter(qn("w:lang"))}
    assert langs == {"ru-RU"}, (name, langs)
    theme = document.settings.element.find(qn("w:themeFontLang"))
    assert theme is not None and theme.get(qn("w:val")) == "ru-RU", name
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 14, name
    for style in document.styles:
        if (style.name or "").startswith("Heading"):
            color = style.font.color
            assert color.rgb is None or str(color.rgb) == "000000", (name, style.name)
            assert color.theme_color is None, (name, style.name)
    properties = document.core_properties
    assert "python-docx" not in (properties.author + properties.last_modified_by)
    assert ORGANISATION in properties.author, (name, properties.author)
    assert properties.language == "ru-RU", name
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        core = package.read("docProps/core.xml").decode()
    assert "python-docx" not in core, name
    for table in document.tables:
        if table.style is None or table.style.name != "Table Grid":
            continue  # a layout table (date and number, signature): 14 pt
        sizes = {
            run.font.size.pt
            for row in table.rows
            for cell in row.cells
            for paragraph in cell.paragraphs
            for run in paragraph.runs
            if run.text.strip() and run.font.size is not None
        }
        assert sizes <= {12.0}, (name, sizes)


def assert_a4_pdf(name, pdf, landscape=False, pages=None):
    expected = tuple(reversed(A4_POINTS)) if landscape else A4_POINTS
    for page in pdf.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert all(abs(a - b) < 2 for a, b in zip(size, expected, strict=True)), (
            name,
            size,
        )
    if pages is not None:
        assert len(pdf.pages) in pages, (name, len(pdf.pages))


@pytest.fixture
def school(db):
    site, _section, registry = make_site_tree()
    OrganisationSettings.objects.filter(site=site).update(city="Лесногорск")
    return site, registry


def every_word_file(site):
    """{name: (bytes, landscape, expected page counts)} of every Word file."""
    organisation = OrganisationSettings.for_site(site)
    order = make_order(site=site, number="21-ОД", publish=True)
    Regulation.objects.create(
        site=site,
        title="Положение о наставничестве",
        date=order.date,
        approved_by_order=order,
    )
    curator = make_user("kuratorova", first_name="Анна Петровна")
    Acknowledgement.require(order, [curator])
    Acknowledgement.objects.update(acknowledged_at=timezone.now())
    pupil = people.make_mentee(class_or_group="10 «Б»")
    people.make_group(mentees=[pupil])
    pairs = draft_fixing_order(
        candidate_groups(), curator, site, academic_year="2025/2026"
    )
    roadmap = make_roadmap(12)
    seed_001_school(with_answers=False)
    return {
        "order": (build_order_docx(order, organisation), False, {1}),
        "pairs_order": (pairs.draft_file.file.read(), False, {2, 3}),
        "sheet": (
            build_familiarisation_sheet(
                order,
                Acknowledgement.objects.all(),
                organisation.full_name,
            ),
            False,
            {1},
        ),
        "roadmap": (write_roadmap(roadmap, organisation), True, None),
        "roadmap_report": (
            write_roadmap(roadmap, organisation, report=True),
            True,
            None,
        ),
        "yearly_report": (build_report(site, YEAR), False, None),
        "personal_data": (export_docx(pupil.person), False, None),
    }


def test_every_word_file_is_an_a4_russian_paper(school, tmp_path):
    site, _registry = school
    files = every_word_file(site)
    for name, (data, landscape, _pages) in files.items():
        assert_office_paper(name, data, landscape)
    pdfs = to_pdf({name: data for name, (data, _l, _p) in files.items()}, tmp_path)
    for name, (_data, landscape, pages) in files.items():
        assert_a4_pdf(name, pdfs[name], landscape, pages)
    # A long paper numbers its pages from the second one, top centre.
    report = pdfs["yearly_report"]
    assert len(report.pages) >= 3
    assert report.pages[1].extract_text().strip().startswith("2")
    assert not report.pages[0].extract_text().strip().startswith("1\n")


def decode_qr(data, tmp_path):
    if shutil.which("zbarimg") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("zbarimg (zbar-tools) is required in CI")
        pytest.skip("zbarimg is not installed (scripts/test installs zbar-tools)")
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    # ГОСТ Р 7.0.97-2025 places the code in the first page's bottom right
    # corner: the first page's footer, aligned right; nothing in its header.
    assert not list(section.first_page_header._element.iter(qn("a:blip")))
    footer = section.first_page_footer
    blips = list(footer._element.iter(qn("a:blip")))
    assert len(blips) == 1, "one QR code in the first page's bottom margin"
    holder = next(
        p for p in footer.paragraphs if any(True for _ in p._element.iter(qn("a:blip")))
    )
    assert holder.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    image = footer.part.related_parts[blips[0].get(qn("r:embed"))]
    path = tmp_path / "qr.png"
    path.write_bytes(image.blob)
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8").strip()


def test_order_carries_the_qr_requisite_leading_to_its_registry_page(
    school, client, tmp_path
):
    site, registry = school
    order = make_order(
        site=site,
        number="21-ОД",
        date=datetime.date(2025, 8, 30),
        publish=True,
    )
    data = build_order_docx(order, OrganisationSettings.for_site(site))
    content = decode_qr(data, tmp_path)
    assert "21-ОД" in content and "30.08.2025" in content
    assert "Средняя школа № 7" in content
    url = re.search(r"https?://\S+", content).group(0)
    assert url.endswith(f"/orders/{order.pk}/")
    page = client.get(urlsplit(url).path)
    assert page.status_code == 200
    text = page.content.decode()
    assert "21-ОД" in text and "30.08.2025" in text
    # A draft has no registration yet: no code with wrong details.
    draft = make_order(site=site, title="О проекте")
    document = docx.Document(
        io.BytesIO(build_order_docx(draft, OrganisationSettings.for_site(site)))
    )
    first_page = document.sections[0]
    assert not list(first_page.first_page_footer._element.iter(qn("a:blip")))
    assert not list(first_page.first_page_header._element.iter(qn("a:blip")))


def test_order_has_every_requisite_and_the_visas_of_its_route(school):
    site, _registry = school
    users = setup_roles()
    users["curator"].first_name, users["curator"].last_name = "Ирина", "Соколова"
    users["curator"].save()
    order = make_order(site=site, number="7-ОД", body="ПРИКАЗЫВАЮ:\n1. Утвердить.")
    order.save_revision(user=users["secretary"])
    order.get_workflow().start(order, users["secretary"])
    order.refresh_from_db()
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, users["curator"], "approve"
    )
    data = build_order_docx(order, OrganisationSettings.for_site(site))
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(
        cell.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    )
    assert "ПРИКАЗ" in text and "Средняя школа № 7" in text
    assert "г. Лесногорск" in text
    assert "О реализации целевой модели наставничества" in text
    assert "№ 7-ОД" in cells and "Директор" in cells
    assert "СОГЛАСОВАНО:" in text
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert re.search(rf"Проверка куратором .*И\. Соколова {today}", text)
    assert "Подписание директором" not in text  # the signature, not a visa
    assert re.search(r"Исполнитель: \S", text) and "Исполнитель: ___" not in text
    assert "С приказом ознакомлены" in text
    # The appendices only as the text names them: no page of a bare stamp.
    assert "Приложение" not in text
    assert not any(
        br.get(qn("w:type")) == "page" for br in document.element.iter(qn("w:br"))
    )


def test_the_word_template_itself_is_a4_and_russian():
    template = Path(__file__).resolve().parents[2] / "templates" / "order.docx"
    document = docx.Document(str(template))
    section = document.sections[0]
    assert abs(section.page_width - A4[0]) < Mm(1)
    assert abs(section.page_height - A4[1]) < Mm(1)
    styles = document.styles.element
    assert {n.get(qn("w:val")) for n in styles.iter(qn("w:lang"))} == {"ru-RU"}
    text = "\n".join(p.text for p in document.paragraphs)
    assert "{{ visas }}" in text and "{{ approval_block }}" in text

"""Import from .docx, downloads, commands — as a curator uses them."""

import io
import json

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import streamfield

from mentoring_wagtail.models import RoadmapActivity, RoadmapPage
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
from mentoring_wagtail.roadmaps.word_reader import read_roadmap
from tests import roadmap_docx
from tests.roadmaps.test_roadmap_pages import make_roadmap
from tests.shared_samples import sample

pytestmark = pytest.mark.django_db
SAMPLE_NAME = "polytechnic-college-roadmap-2022.docx"
IMPORT_URL = "/admin/mentoring/roadmaps/import/"
from tests.roadmaps.import_steps import import_file  # noqa: E402


def upload(data, name="roadmap.docx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.com", "pw")
    client.force_login(user)
    client.user = user
    return client


def test_import_form_lists_sections(admin_client, mentoring_section):
    response = admin_client.get(IMPORT_URL + f"?parent={mentoring_section.pk}")
    assert response.status_code == 200
    assert 'type="file"' in response.text
    assert f'value="{mentoring_section.pk}" selected' in response.text


def test_import_creates_a_draft_and_lists_what_it_was_unsure_of(
    admin_client, mentoring_section
):
    data = roadmap_docx.report_layout()
    response = import_file(admin_client, mentoring_section, upload(data))
    assert response.status_code == 200
    page = RoadmapPage.objects.get()
    assert not page.live and page.get_parent().pk == mentoring_section.pk
    assert page.owner == admin_client.user
    assert f"/admin/pages/{page.pk}/edit/" in response.text
    assert "roadmap-import-warnings" in response.text
    assert RoadmapActivity.objects.filter(page=page).count() == 6


@pytest.mark.parametrize(
    "maker, msgid",
    [
        (
            roadmap_docx.not_docx,
            "The file is not a Word document (.docx). Save it in Word as .docx.",
        ),
        (
            roadmap_docx.zip_bomb,
            "The Word document unpacks to too much data to be read safely.",
        ),
        (
            roadmap_docx.with_doctype,
            "The Word document contains XML entity declarations",
        ),
        (
            roadmap_docx.no_table,
            "The document has no table; a roadmap must be a table.",
        ),
        (
            roadmap_docx.timetable,
            "There is no table of activities in the file: it looks like a timetable.",
        ),
        (
            lambda: roadmap_docx.many_rows(150),
            "The Word document has a table of more than %(max)s rows; it is "
            "refused before being read.",
        ),
    ],
)
def test_bad_files_create_nothing(
    admin_client, mentoring_section, maker, msgid, settings
):
    from html import unescape

    settings.MENTORING_WAGTAIL_ROADMAP_IMPORT_MAX_ROWS = 100
    from django.utils.translation import gettext

    pages_before = Page.objects.count()
    response = admin_client.post(
        IMPORT_URL, {"parent": mentoring_section.pk, "file": upload(maker())}
    )
    assert response.status_code == 200
    full = {
        "The Word document contains XML entity declarations": "The Word document contains "
        "XML entity declarations, which Word never writes; it is refused for safety.",
        "The table does not look like a roadmap": "The table does not look like a roadmap: "
        "no columns of activities with deadlines, responsible people or results were found.",
    }.get(msgid, msgid)
    message = gettext(full)
    if "%(max)s" in full:
        message = message % {"max": 100}
    assert message in unescape(response.content.decode())
    assert Page.objects.count() == pages_before
    assert not RoadmapActivity.objects.exists()


def test_empty_upload_is_refused(admin_client, mentoring_section):
    pages_before = Page.objects.count()
    response = admin_client.post(
        IMPORT_URL,
        {"parent": mentoring_section.pk, "file": SimpleUploadedFile("empty.docx", b"")},
    )
    assert response.status_code == 200
    assert Page.objects.count() == pages_before


def test_failure_while_saving_leaves_nothing(mentoring_section, monkeypatch):
    from mentoring_wagtail.roadmaps import models as roadmap_models

    def broken(page):
        raise RuntimeError("disk full")

    monkeypatch.setattr(roadmap_models, "rebuild_roadmap_activities", broken)
    pages_before = Page.objects.count()
    with pytest.raises(RuntimeError):
        create_roadmap_page(mentoring_section, make_roadmap(2))
    assert Page.objects.count() == pages_before


def test_user_without_rights_cannot_import_or_download(
    client, django_user_model, mentoring_section
):
    from django.contrib.auth.models import Group, Permission

    page = create_roadmap_page(mentoring_section, make_roadmap(2))
    user = django_user_model.objects.create_user("visitor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code in (302, 403)
    assert client.get(
        f"/admin/mentoring/roadmaps/{page.pk}/download/docx/"
    ).status_code in (302, 403)
    # a curator with page rights on the section may do both
    group = Group.objects.create(name="Кураторы тест")
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=mentoring_section,
            permission=Permission.objects.get(
                codename=codename, content_type__app_label="wagtailcore"
            ),
        )
    user.groups.add(group)
    assert client.get(IMPORT_URL).status_code == 200
    assert (
        client.get(f"/admin/mentoring/roadmaps/{page.pk}/download/docx/").status_code
        == 200
    )


def test_reviewer_with_view_rights_downloads_but_cannot_import(
    client, django_user_model, mentoring_section
):
    from django.contrib.auth.models import Group, Permission

    page = create_roadmap_page(mentoring_section, make_roadmap(2))
    user = django_user_model.objects.create_user("methodist", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    group = Group.objects.create(name="Методисты тест")
    GroupPagePermission.objects.create(
        group=group,
        page=mentoring_section,
        permission=Permission.objects.get(
            codename="view_page", content_type__app_label="wagtailcore"
        ),
    )
    user.groups.add(group)
    client.force_login(user)
    assert (
        client.get(f"/admin/mentoring/roadmaps/{page.pk}/download/json/").status_code
        == 200
    )
    assert client.get(IMPORT_URL).status_code in (302, 403)


def test_download_docx_official_and_report(admin_client, mentoring_section, home_page):
    from mentoring_wagtail.models import OrganisationSettings

    settings = OrganisationSettings.for_site(home_page.get_site())
    settings.full_name = (
        "Муниципальное бюджетное общеобразовательное учреждение «Школа № 7»"
    )
    settings.short_name = "МБОУ «Школа № 7»"
    settings.director_name = "А.Б. Петрова"
    settings.save()
    page = create_roadmap_page(mentoring_section, make_roadmap(5))
    response = admin_client.get(f"/admin/mentoring/roadmaps/{page.pk}/download/docx/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Приказ № 21 от 30.08.2024 г." in text and "УТВЕРЖДАЮ" in text
    assert "Школа № 7" in document.sections[0].first_page_header.paragraphs[0].text
    table = document.tables[0]
    stage_row = table.rows[1]
    assert len({id(c._tc) for c in stage_row.cells}) == 1  # merged across
    assert stage_row.cells[0].text == "Этап 1. Подготовка"
    official_columns = len(table.columns)
    report = admin_client.get(
        f"/admin/mentoring/roadmaps/{page.pk}/download/docx/?variant=report"
    )
    report_table = docx.Document(io.BytesIO(report.content)).tables[0]
    assert len(report_table.columns) == official_columns + 2
    assert "Сделано 1" in [c.text for c in report_table.rows[3].cells]


def test_download_json_has_the_documented_shape(admin_client, mentoring_section):
    page = create_roadmap_page(mentoring_section, make_roadmap(2))
    response = admin_client.get(f"/admin/mentoring/roadmaps/{page.pk}/download/json/")
    data = json.loads(response.content)
    assert set(data) == {
        "format",
        "version",
        "title",
        "year",
        "approval_text",
        "considered_text",
        "approved_by_order",
        "intro_html",
        "import_warnings",
        "stages",
    }
    assert set(data["stages"][0]) == {"title", "goal", "items"}
    assert set(data["stages"][0]["items"][0]) == {
        "number",
        "title",
        "task",
        "deadline",
        "responsible",
        "result",
        "status",
        "actual_result",
        "notes",
        "evidence",
    }
    assert data["year"] == "2024/2025"
    assert data["stages"][0]["items"][0]["status"] == "done"


def test_buttons_in_the_page_header_and_listing(admin_client, mentoring_section):
    page = create_roadmap_page(mentoring_section, make_roadmap(2))
    edit = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert f"/admin/mentoring/roadmaps/{page.pk}/download/docx/" in edit.text
    assert f"/admin/mentoring/roadmaps/{page.pk}/download/json/" in edit.text
    listing = admin_client.get(f"/admin/pages/{mentoring_section.pk}/")
    assert (
        f"/admin/mentoring/roadmaps/import/?parent={mentoring_section.pk}"
        in listing.text
    )


def test_commands_import_and_export(mentoring_section, tmp_path):
    path = tmp_path / "roadmap.docx"
    path.write_bytes(roadmap_docx.omutninsk_layout())
    out = io.StringIO()
    call_command(
        "import_roadmap", str(path), "--parent", str(mentoring_section.pk), stdout=out
    )
    page = RoadmapPage.objects.get()
    assert "8 мероприятий" in out.getvalue() and not page.live
    out = io.StringIO()
    call_command("export_roadmap", str(page.pk), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["year"] == "2024/2025" and len(data["stages"]) == 3
    target = tmp_path / "out.docx"
    call_command(
        "export_roadmap",
        mentoring_section.url_path + page.slug,
        "-o",
        str(target),
        "--report",
        stdout=io.StringIO(),
    )
    assert read_roadmap(target.read_bytes()).activity_count == 8
    call_command(
        "import_roadmap", str(target), "--parent", "/mentoring/", stdout=io.StringIO()
    )
    assert RoadmapPage.objects.count() == 2
    path.write_bytes(roadmap_docx.timetable())
    with pytest.raises(CommandError):
        call_command("import_roadmap", str(path), "--parent", str(mentoring_section.pk))
    assert RoadmapPage.objects.count() == 2


def test_import_of_a_real_sample_through_the_admin(admin_client, mentoring_section):
    sample_path = sample(SAMPLE_NAME)
    response = import_file(
        admin_client, mentoring_section, upload(sample_path.read_bytes())
    )
    assert response.status_code == 200
    page = RoadmapPage.objects.get()
    assert page.academic_year == "2022/2023"
    assert len(page.stages) == 7
    assert RoadmapActivity.objects.filter(page=page).count() == 44


class TestEditor(WagtailTestUtils):
    def test_editor_flags_overdue_activities(self, client, mentoring_section):
        client.force_login(self.create_superuser("editor"))
        page = create_roadmap_page(mentoring_section, make_roadmap(5))
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "roadmap-overdue-list" in html
        # 1.2 (planned) and 1.4 (not done) were due on 10.04.2020; 1.1 is done
        assert (
            "1.2 Мероприятие &lt;2&gt;" in html and "1.4 Мероприятие &lt;4&gt;" in html
        )
        assert "1.1 Мероприятие" not in html


def activity_form(number, title, status="planned", actual=""):
    return {
        "number": number,
        "title": title,
        "task": "",
        "deadline": "Май 2024",
        "responsible": "Куратор",
        "result": "Отчёт",
        "status": status,
        "actual_result": actual,
        "evidence": streamfield([]),
        "notes": "",
    }


def test_curator_creates_and_reports_in_the_editor(admin_client, mentoring_section):
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    def post(url, activities, action):
        stage = {
            "title": "Этап 1. Подготовка",
            "goal": "",
            "activities": {
                "count": len(activities),
                **{
                    str(i): {"value": a, "deleted": "", "order": i, "id": ""}
                    for i, a in enumerate(activities)
                },
            },
        }
        data = nested_form_data(
            {
                "title": "Дорожная карта",
                "slug": "roadmap",
                "academic_year": "2023/2024",
                "approval_text": "",
                "intro": rich_text(""),
                "stages": streamfield([("stage", stage)]),
                action: "1",
            }
        )
        return admin_client.post(url, data)

    add_url = f"/admin/pages/add/mentoring_wagtail/roadmappage/{mentoring_section.pk}/"
    response = post(
        add_url,
        [activity_form("1.1", "Совещание"), activity_form("1.2", "Анкетирование")],
        "action-publish",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = RoadmapPage.objects.get()
    assert page.live and RoadmapActivity.objects.filter(page=page).count() == 2
    response = post(
        f"/admin/pages/{page.pk}/edit/",
        [activity_form("1.1", "Совещание", "done", "Проведено 12.05.2024")],
        "action-publish",
    )
    assert response.status_code == 302
    row = RoadmapActivity.objects.get(page=page)
    assert (row.number, row.status) == ("1.1", "done")
    assert page.revisions.count() == 2


def test_import_links_the_registered_approving_order(mentoring_section, home_page):
    from datetime import date

    from mentoring_wagtail.models import Order

    order = Order.objects.create(
        site=home_page.get_site(),
        title="О реализации целевой модели наставничества",
        number="21",
        date=date(2024, 8, 30),
    )
    page = create_roadmap_page(
        mentoring_section, read_roadmap(roadmap_docx.omutninsk_layout())
    )
    assert page.approved_by_order == order
    assert "Приказ № 21 от 30.08.2024 г." in page.approval_text


def test_without_a_registered_order_the_approval_stays_text(mentoring_section):
    roadmap = read_roadmap(roadmap_docx.omutninsk_layout())
    page = create_roadmap_page(mentoring_section, roadmap)
    assert page.approved_by_order is None
    assert "Приказ № 21 от 30.08.2024 г." in page.approval_text
    assert any("21" in warning for warning in roadmap.warnings)


def test_export_names_the_linked_order_when_no_approval_text(
    admin_client, mentoring_section, home_page
):
    from datetime import date

    from mentoring_wagtail.models import Order

    roadmap = make_roadmap(2)
    roadmap.approval_text = ""
    page = create_roadmap_page(mentoring_section, roadmap)
    page.approved_by_order = Order.objects.create(
        site=home_page.get_site(),
        title="Об утверждении дорожной карты",
        number="05-ОД",
        date=date(2024, 9, 2),
    )
    page.save_revision()
    response = admin_client.get(f"/admin/mentoring/roadmaps/{page.pk}/download/docx/")
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs
    )
    assert "УТВЕРЖДАЮ" in text and "Приказ № 05-ОД от 02.09.2024 г." in text


def test_the_same_file_can_be_imported_twice(mentoring_section):
    data = roadmap_docx.omutninsk_layout()
    first = create_roadmap_page(mentoring_section, read_roadmap(data))
    second = create_roadmap_page(mentoring_section, read_roadmap(data))
    assert first.slug != second.slug and second.slug.startswith(first.slug)


def test_too_large_upload_is_refused(admin_client, mentoring_section, settings):
    settings.MENTORING_WAGTAIL_MAX_UPLOAD_SIZE = 1024 * 1024
    data = roadmap_docx.omutninsk_layout() + b"\0" * (1024 * 1024)
    response = admin_client.post(
        IMPORT_URL, {"parent": mentoring_section.pk, "file": upload(data)}
    )
    assert response.status_code == 200
    from html import unescape

    from django.utils.translation import gettext

    message = gettext("The file is larger than %(size)s MB.") % {"size": 1}
    assert message in unescape(response.content.decode())
    assert not RoadmapPage.objects.exists()

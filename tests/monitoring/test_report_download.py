"""«Сформировать отчёт» gives the .docx at once, and pressing it again never
files a second report of the year: a draft is updated, an approved report
gets a draft revision, a report on its route is left alone; the page says
so before and after (issue 25, item 10). Printed questionnaire links carry
the address the school is reached at."""

import io
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from docx import Document as WordDocument
from wagtail.documents import get_document_model
from wagtail.models import Site

from mentoring_wagtail.models import ProgrammeDocument
from tests.approvals_support import setup_roles

from .support import YEAR, seed_001_school

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_and_year(client):
    roles = setup_roles()
    school = seed_001_school(with_answers=False)
    client.force_login(roles["curator"])
    return roles, school


def _press(client, year):
    with translation.override("ru"):
        return client.post(
            reverse("mentoring_monitoring_report", args=[year.pk]),
            HTTP_ACCEPT_LANGUAGE="ru",
        )


def _page(client, year):
    with translation.override("ru"):
        response = client.get(
            reverse("mentoring_monitoring_indicators", args=[year.pk]),
            HTTP_ACCEPT_LANGUAGE="ru",
        )
    return response, response.content.decode()


def _reports(site):
    return ProgrammeDocument.objects.filter(site=site, kind="analytical_report")


def _text(content):
    return "\n".join(p.text for p in WordDocument(io.BytesIO(content)).paragraphs)


def test_pressing_twice_updates_the_draft_and_says_so(client, curator_and_year):
    _roles, school = curator_and_year
    year, site = school["year"], school["site"]
    _response, html = _page(client, year)
    assert "Сформировать отчёт" in html and "year-report-state" not in html
    first = _press(client, year)
    assert first.status_code == 200
    assert first["Content-Disposition"].startswith("attachment;")
    assert YEAR.replace("/", "-") in _text(first.content)
    documents = get_document_model().objects.count()
    record = _reports(site).get()

    response, html = _page(client, year)
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("сформирован и сохранён в реестре как черновик" in m for m in shown)
    state = re.search(r'id="year-report-state">(.*?)</p>', html, re.S).group(1)
    assert "уже есть черновик" in state and "второй документ не создаётся" in state
    assert "Обновить отчёт" in html

    year.conclusions = "Программа выполнена полностью."
    year.save()
    second = _press(client, year)
    assert second.status_code == 200
    assert "Программа выполнена полностью." in _text(second.content)
    assert _reports(site).get().pk == record.pk  # no duplicate
    assert get_document_model().objects.count() == documents  # the file replaced
    assert record.revisions.count() == 2
    response, _html = _page(client, year)
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("обновлён" in m and "второй документ не создан" in m for m in shown)


def test_an_approved_report_keeps_its_published_file(client, curator_and_year):
    _roles, school = curator_and_year
    year, site = school["year"], school["site"]
    _press(client, year)
    record = _reports(site).get()
    record.save_revision().publish()
    record.refresh_from_db()
    published = record.file.file.read()
    _response, html = _page(client, year)
    assert "утверждён и опубликован" in html

    year.conclusions = "Новые выводы."
    year.save()
    again = _press(client, year)
    assert "Новые выводы." in _text(again.content)
    record.refresh_from_db()
    assert _reports(site).count() == 1
    assert record.live and record.has_unpublished_changes
    assert record.file.file.read() == published  # what visitors get is unchanged
    assert record.latest_revision.as_object().file_id != record.file_id


def test_a_report_on_its_route_is_not_changed(client, curator_and_year):
    roles, school = curator_and_year
    year, site = school["year"], school["site"]
    _press(client, year)
    record = _reports(site).get()
    # A school that routes its programme documents (Wagtail's own way).
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import (
        GroupApprovalTask,
        Workflow,
        WorkflowContentType,
        WorkflowTask,
    )

    workflow = Workflow.objects.create(name="Утверждение документов программы")
    task = GroupApprovalTask.objects.create(name="Утверждение директором (тест)")
    task.groups.set(Group.objects.filter(name="Директор"))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(ProgrammeDocument),
        defaults={"workflow": workflow},
    )
    assert record.get_workflow() == workflow
    workflow.start(record, roles["curator"])
    record.refresh_from_db()
    before = record.file.file.read()
    revisions = record.revisions.count()
    _response, html = _page(client, year)
    assert "на согласовании" in html and "Скачать отчёт" in html
    year.conclusions = "Изменено во время согласования."
    year.save()
    response = _press(client, year)
    assert response.content == before
    assert record.revisions.count() == revisions


def test_printed_links_use_the_schools_address_not_localhost(client, settings):
    """The demo's site says «localhost»; the curator works at the school's
    address: the links page prints that address."""
    from tests.monitoring.support import (
        make_group,
        make_mentee,
        make_mentor,
        make_questionnaire,
        site_and_section,
    )

    settings.ALLOWED_HOSTS = ["*"]
    roles = setup_roles()
    site, section = site_and_section()
    Site.objects.filter(pk=site.pk).update(hostname="localhost", port=80)
    group = make_group(
        site,
        make_mentor(site, "teacher", 1, 1980),
        [make_mentee(site, "student", 1, 2010)],
        "teacher-student",
    )
    questionnaire = make_questionnaire(section)
    client.force_login(roles["curator"])
    url = reverse("mentoring_monitoring_links", args=[questionnaire.pk])
    for fmt in ("html", "csv"):
        response = client.post(
            url,
            {"groups": [group.pk], "format": fmt},
            HTTP_HOST="school1.example.org",
        )
        body = response.content.decode("utf-8-sig")
        links = re.findall(r"https?://[^\s\"<;]+\?k=[\w-]+", body)
        assert links, body[:500]
        assert all(link.startswith("http://school1.example.org/") for link in links)
        assert "localhost" not in body

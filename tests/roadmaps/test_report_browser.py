"""The curator's execution report in a real browser (headless Chromium): three
activities marked done from the keyboard, then submitted for approval."""

import pytest

from mentoring_wagtail.models import RoadmapPage
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
from mentoring_wagtail.roadmaps.word_reader import read_roadmap
from tests import roadmap_docx
from tests.roadmaps.test_roadmap_browser import section  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def approval_workflow(section):  # noqa: F811
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    workflow = Workflow.objects.create(name="Утверждение дорожной карты")
    task = GroupApprovalTask.objects.create(name="Проверка методистом")
    task.groups.set([Group.objects.create(name="Методисты")])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=section)


def test_curator_marks_three_done_and_submits(
    browser_page,
    live_server,
    section,  # noqa: F811
    django_user_model,
):
    django_user_model.objects.create_superuser("curator", "c@example.com", "pass-1")
    approval_workflow(section)
    roadmap = create_roadmap_page(
        section, read_roadmap(roadmap_docx.omutninsk_layout())
    )
    page = browser_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "curator")
    page.fill("input[name=password]", "pass-1")
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").first.click()

    # From the page editor's header menu to the report.
    page.goto(live_server.url + f"/admin/pages/{roadmap.pk}/edit/")
    page.locator("header [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        page.locator(
            f"a[href='/admin/mentoring/roadmaps/{roadmap.pk}/report/']"
        ).click()

    rows = page.locator("tr.roadmap-report__row")
    assert rows.count() == 8
    for index in range(3):
        status = rows.nth(index).locator("select")
        status.focus()
        status.select_option("done")
        page.keyboard.press("Tab")  # to the actual result
        page.keyboard.type(f"Выполнено {index + 1}")
    with page.expect_navigation():
        page.locator("button[name=action-submit]").click()
    assert page.locator(".messages .success").count() == 1

    saved = RoadmapPage.objects.get(pk=roadmap.pk)
    assert saved.workflow_in_progress
    latest = saved.get_latest_revision_as_object()
    values = [
        item["value"]
        for stage in latest.stages.raw_data
        for item in stage["value"]["activities"]
    ]
    assert [v["status"] for v in values[:4]] == ["done", "done", "done", "planned"]
    assert [v["actual_result"] for v in values[:3]] == [
        "Выполнено 1",
        "Выполнено 2",
        "Выполнено 3",
    ]

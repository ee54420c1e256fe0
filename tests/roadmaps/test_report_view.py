"""The execution report: one screen, one revision, the editor's rules."""

import datetime

import pytest
from wagtail.models import Revision

from mentoring_wagtail.models import RoadmapPage
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
from mentoring_wagtail.roadmaps.suggestion_models import EvidenceSuggestion
from mentoring_wagtail.roadmaps.word_reader import read_roadmap
from tests import roadmap_docx
from tests.documents_support import make_order

pytestmark = pytest.mark.django_db


def report_url(page, show=""):
    return f"/admin/mentoring/roadmaps/{page.pk}/report/" + (
        f"?show={show}" if show else ""
    )


@pytest.fixture
def roadmap_page(mentoring_section):
    roadmap = read_roadmap(roadmap_docx.omutninsk_layout())
    return create_roadmap_page(mentoring_section, roadmap)


def activities(page):
    latest = RoadmapPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    return [
        item
        for stage in latest.stages.raw_data
        for item in stage["value"]["activities"]
    ]


def form_data(page, client):
    """What the browser would post back unchanged."""
    response = client.get(report_url(page))
    data = {"revision": str(response.context["revision_id"]), "row": []}
    for row in response.context["rows"]:
        data["row"].append(row.block_id)
        data[f"status-{row.block_id}"] = row.status
        data[f"result-{row.block_id}"] = row.actual_result
    return data


def test_every_activity_grouped_by_stage_and_sub_section(admin_client, roadmap_page):
    response = admin_client.get(report_url(roadmap_page))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 8
    text = response.text
    assert text.index("I. Подготовка условий") < text.index("1. Изучение и систем")
    assert text.index("1. Изучение и систем") < text.index("Информирование педагогов")
    assert text.count('class="roadmap-report__task"') == 2
    assert text.count('class="roadmap-report__stage"') == 3


def test_filters_to_open_and_overdue(admin_client, roadmap_page):
    items = activities(roadmap_page)
    data = form_data(roadmap_page, admin_client)
    data[f"status-{items[0]['id']}"] = "done"
    admin_client.post(report_url(roadmap_page), data)
    open_rows = admin_client.get(report_url(roadmap_page, "open")).context["rows"]
    assert items[0]["id"] not in [row.block_id for row in open_rows]
    assert len(open_rows) == 7
    overdue = admin_client.get(report_url(roadmap_page, "overdue")).context["rows"]
    # «Сентябрь 2024» and «до 1 октября 2024» have passed; «Ежегодно в мае» of
    # 2024/2025 ended on 31.05.2025
    assert overdue and all(row.overdue for row in overdue)
    assert {row.number for row in overdue} >= {"1.2.", "2.1.", "4.2."}


def test_bulk_edit_saves_one_revision(admin_client, roadmap_page):
    items = activities(roadmap_page)
    before = Revision.page_revisions.filter(object_id=str(roadmap_page.pk)).count()
    data = form_data(roadmap_page, admin_client)
    data["selected"] = [item["id"] for item in items[:3]]
    data["bulk_status"] = "done"
    data[f"result-{items[1]['id']}"] = "Проведено совещание"
    response = admin_client.post(report_url(roadmap_page), data)
    assert response.status_code == 302
    after = Revision.page_revisions.filter(object_id=str(roadmap_page.pk)).count()
    assert after == before + 1
    changed = activities(roadmap_page)
    assert [a["value"]["status"] for a in changed[:4]] == [
        "done",
        "done",
        "done",
        "planned",
    ]
    assert changed[1]["value"]["actual_result"] == "Проведено совещание"
    assert changed[0]["value"]["title"] == items[0]["value"]["title"]


def test_nothing_changed_saves_nothing(admin_client, roadmap_page):
    before = Revision.page_revisions.count()
    admin_client.post(report_url(roadmap_page), form_data(roadmap_page, admin_client))
    assert Revision.page_revisions.count() == before


def test_without_edit_rights_nothing_is_shown_or_saved(
    client, django_user_model, roadmap_page
):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    before = Revision.page_revisions.count()
    # Wagtail's admin answers a refused view by going back to the dashboard
    # with a message, for the report as for the page editor.
    edit = client.get(f"/admin/pages/{roadmap_page.pk}/edit/")
    for response in (
        client.get(report_url(roadmap_page)),
        client.post(report_url(roadmap_page), {"bulk_status": "done"}),
    ):
        assert (response.status_code, response.get("Location")) == (
            edit.status_code,
            edit.get("Location"),
        )
    assert edit.status_code in (302, 403)
    assert Revision.page_revisions.count() == before


def test_a_page_locked_by_someone_else_is_read_only(
    admin_client, django_user_model, roadmap_page
):
    data = form_data(roadmap_page, admin_client)
    other = django_user_model.objects.create_superuser("other", "o@e.com", "pw")
    page = RoadmapPage.objects.get(pk=roadmap_page.pk)
    page.locked, page.locked_by = True, other
    page.locked_at = datetime.datetime.now(datetime.UTC)
    page.save(update_fields=["locked", "locked_by", "locked_at"])
    response = admin_client.get(report_url(roadmap_page))
    assert response.context["locked"] and "disabled" in response.text
    before = Revision.page_revisions.count()
    data["bulk_status"] = "done"
    data["selected"] = data["row"]
    admin_client.post(report_url(roadmap_page), data)
    assert Revision.page_revisions.count() == before


def test_a_revision_without_changes_never_refuses_the_report(
    admin_client, roadmap_page
):
    """The editor's autosave of an unchanged draft came between (issue 25)."""
    data = form_data(roadmap_page, admin_client)
    RoadmapPage.objects.get(pk=roadmap_page.pk).save_revision()  # the autosave
    first = data["row"][0]
    data[f"status-{first}"] = "done"
    data[f"result-{first}"] = "Проведён педсовет, протокол №3"
    response = admin_client.post(report_url(roadmap_page), data, follow=True)
    assert response.status_code == 200
    saved = {item["id"]: item["value"] for item in activities(roadmap_page)}
    assert saved[first]["status"] == "done"
    assert saved[first]["actual_result"] == "Проведён педсовет, протокол №3"
    assert not [m for m in response.context["messages"] if m.level_tag == "error"]


def _someone_else_sets(page, block_id, **fields):
    latest = RoadmapPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    raw = latest.stages.raw_data
    for stage in raw:
        for item in stage["value"]["activities"]:
            if item.get("id") == block_id:
                item["value"].update(fields)
    latest.stages = list(raw)
    latest.save_revision()


def test_changes_to_other_activities_are_merged_not_undone(admin_client, roadmap_page):
    data = form_data(roadmap_page, admin_client)
    first, second = data["row"][:2]
    _someone_else_sets(roadmap_page, second, actual_result="Сделано методистом")
    data[f"result-{first}"] = "Сделано куратором"
    admin_client.post(report_url(roadmap_page), data)
    saved = {item["id"]: item["value"] for item in activities(roadmap_page)}
    assert saved[first]["actual_result"] == "Сделано куратором"
    # the curator's untouched (older) field does not undo the methodist's work
    assert saved[second]["actual_result"] == "Сделано методистом"


def test_a_real_conflict_keeps_what_was_typed_beside_the_other_version(
    admin_client, roadmap_page
):
    data = form_data(roadmap_page, admin_client)
    first = data["row"][0]
    _someone_else_sets(roadmap_page, first, actual_result="Версия методиста")
    before = Revision.page_revisions.count()
    data[f"result-{first}"] = "Версия куратора, набранная долго"
    data[f"status-{first}"] = "done"
    response = admin_client.post(report_url(roadmap_page), data)
    assert Revision.page_revisions.count() == before  # nothing overwritten
    assert response.status_code == 409
    text = response.text
    assert "Версия куратора, набранная долго" in text  # kept in the form
    assert "Версия методиста" in text  # the other version beside it
    row = next(r for r in response.context["rows"] if r.block_id == first)
    assert row.status == "done"
    # Saving again, having seen the other version, applies what was typed.
    data["revision"] = str(response.context["revision_id"])
    admin_client.post(report_url(roadmap_page), data)
    saved = {item["id"]: item["value"] for item in activities(roadmap_page)}
    assert saved[first]["actual_result"] == "Версия куратора, набранная долго"


def test_unknown_status_is_refused(admin_client, roadmap_page):
    data = form_data(roadmap_page, admin_client)
    data[f"status-{data['row'][0]}"] = "<script>"
    before = Revision.page_revisions.count()
    response = admin_client.post(report_url(roadmap_page), data, follow=True)
    assert Revision.page_revisions.count() == before
    assert any("«<script>»" in str(m) for m in response.context["messages"])


def test_save_and_submit_starts_the_workflow(admin_client, roadmap_page):
    data = form_data(roadmap_page, admin_client)
    data["action-submit"] = "1"
    data["bulk_status"], data["selected"] = "done", data["row"][:3]
    admin_client.post(report_url(roadmap_page), data)
    page = RoadmapPage.objects.get(pk=roadmap_page.pk)
    assert page.workflow_in_progress
    assert page.current_workflow_state.current_task_state.revision_id == (
        page.latest_revision_id
    )


def test_linked_from_the_page_header(admin_client, roadmap_page):
    response = admin_client.get(f"/admin/pages/{roadmap_page.pk}/edit/")
    assert report_url(roadmap_page) in response.text


def test_cited_order_is_offered_then_confirmed(
    admin_client, mentoring_section, django_capture_on_commit_callbacks
):
    order = make_order(number="32", date=datetime.date(2024, 9, 4))
    roadmap = read_roadmap(roadmap_docx.omutninsk_layout())
    roadmap.stages[0].activities[1].result = "Приказ №32 от 04.09.2024 г."
    with django_capture_on_commit_callbacks(execute=True):
        page = create_roadmap_page(mentoring_section, roadmap)
    suggestion = EvidenceSuggestion.objects.get(page_id=page.pk)
    assert suggestion.order == order and suggestion.status == "pending"
    assert activities(page)[1]["value"]["evidence"] == []  # nothing linked yet
    data = form_data(page, admin_client)
    data[f"suggestion-{suggestion.pk}"] = "confirm"
    admin_client.post(report_url(page), data)
    evidence = activities(page)[1]["value"]["evidence"]
    assert [(e["type"], e["value"]) for e in evidence] == [("order", order.pk)]
    suggestion.refresh_from_db()
    assert suggestion.status == "confirmed"


def test_order_registered_later_is_offered_and_can_be_rejected(
    admin_client, mentoring_section, django_capture_on_commit_callbacks
):
    roadmap = read_roadmap(roadmap_docx.omutninsk_layout())
    roadmap.stages[0].activities[0].result = "Издан приказ ОО от 10.01.2023 г. № 05-ОД"
    with django_capture_on_commit_callbacks(execute=True):
        page = create_roadmap_page(mentoring_section, roadmap)
    assert not EvidenceSuggestion.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        make_order(number="05-ОД", date=datetime.date(2024, 1, 10))  # another date
    assert not EvidenceSuggestion.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        order = make_order(number="05-ОД", date=datetime.date(2023, 1, 10))
    suggestion = EvidenceSuggestion.objects.get()
    assert suggestion.order == order
    data = form_data(page, admin_client)
    data[f"suggestion-{suggestion.pk}"] = "reject"
    admin_client.post(report_url(page), data)
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected"
    assert activities(page)[0]["value"]["evidence"] == []
    with django_capture_on_commit_callbacks(execute=True):
        order.save()  # saved again: not offered again
    assert EvidenceSuggestion.objects.count() == 1

"""«Утверждение дорожной карты»: methodologist review, then the director."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, Workflow

from mentoring_wagtail.approvals.routes import PORTFOLIO_WORKFLOW, ROADMAP_WORKFLOW
from mentoring_wagtail.models import RoadmapPage
from mentoring_wagtail.setup.steps import run_setup

from ..approvals_support import make_user

pytestmark = pytest.mark.django_db


def test_setup_puts_existing_roadmaps_on_the_route(mentoring_section):
    older = mentoring_section.add_child(
        instance=RoadmapPage(title="Карта 2023", slug="rm-2023", live=False)
    )
    results = run_setup()
    assert older.get_workflow().name == ROADMAP_WORKFLOW
    assert any(ROADMAP_WORKFLOW in r.message for r in results)
    # The portfolio route exists, ready, and is used by nothing yet.
    portfolio = Workflow.objects.get(name=PORTFOLIO_WORKFLOW)
    assert portfolio.active
    assert not portfolio.workflow_pages.exists()
    assert not portfolio.workflow_content_types.exists()


def test_roadmap_goes_through_methodologist_and_director(
    client, mentoring_section, django_capture_on_commit_callbacks
):
    run_setup()
    methodologist = make_user("metod", "methodologist")
    director = make_user("director", "director")
    curator = make_user("curator", "curator")
    page = mentoring_section.add_child(
        instance=RoadmapPage(
            title="Карта 2025/2026", slug="rm", live=False, owner=curator
        )
    )
    page.save_revision(user=curator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.get_workflow().start(page, curator)
    assert methodologist.email in {a for m in mail.outbox for a in m.to}
    assert director.email not in {a for m in mail.outbox for a in m.to}

    def approve(user):
        page.refresh_from_db()
        state = page.current_workflow_task_state
        client.force_login(user)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]
        )
        return client.post(url, {"comment": ""})

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve(methodologist)
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Утверждение директором"
    assert director.email in {a for m in mail.outbox for a in m.to}
    assert not page.live
    approve(director)
    page.refresh_from_db()
    assert page.live
    actions = set(
        PageLogEntry.objects.filter(page=page).values_list("action", flat=True)
    )
    assert {
        "wagtail.workflow.start",
        "wagtail.workflow.approve",
        "wagtail.publish",
    } <= actions


def roadmap_form(title, **extra):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    return nested_form_data(
        {
            "title": title,
            "slug": "rm-direct",
            "academic_year": "2025/2026",
            "approval_text": "",
            "intro": rich_text(""),
            "stages": streamfield([]),
            "comments": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
            **extra,
        }
    )


def test_site_editor_cannot_publish_a_roadmap_past_the_route(client, mentoring_section):
    run_setup()
    editor = make_user("editor", "site_editor")
    director = make_user("director", "director")
    page = mentoring_section.add_child(
        instance=RoadmapPage(title="Карта", slug="rm-direct", live=False)
    )
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.force_login(editor)
    assert 'name="action-publish"' not in client.get(edit).text
    response = client.post(
        edit, roadmap_form("Карта (правка)", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision_as_object().title == "Карта (правка)"
    # Nor the director, who signs at the route's last step: a publish past
    # the route would skip the sign-off (issue 25).
    client.force_login(director)
    assert 'name="action-publish"' not in client.get(edit).text
    client.post(edit, roadmap_form("Карта", **{"action-publish": "1"}))
    page.refresh_from_db()
    assert not page.live


def test_approving_from_the_editor_says_so_and_never_denies_access(
    client, mentoring_section, settings
):
    settings.LANGUAGE_CODE = "ru"
    run_setup()
    methodologist = make_user("metod", "methodologist")
    director = make_user("director", "director")
    curator = make_user("curator", "curator")
    page = mentoring_section.add_child(
        instance=RoadmapPage(title="Карта", slug="rm-direct", live=False, owner=curator)
    )
    page.save_revision(user=curator)
    page.get_workflow().start(page, curator)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    approve = roadmap_form(
        "Карта",
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )

    def texts(response):
        return [str(m).strip() for m in response.context["messages"]]

    # The methodist may not open the section's explorer: back to the dashboard.
    client.force_login(methodologist)
    response = client.post(edit, approve, HTTP_ACCEPT_LANGUAGE="ru", follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "Карта: одобрено на этапе «Проверка методистом»." in texts(response)
    assert not any("нет доступа" in text for text in texts(response))
    # The director, who may explore the section, stays on Wagtail's way.
    client.force_login(director)
    response = client.post(edit, approve, HTTP_ACCEPT_LANGUAGE="ru", follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "wagtailadmin_explore", args=[mentoring_section.pk]
    )
    assert "Карта: одобрено на этапе «Утверждение директором»." in texts(response)
    page.refresh_from_db()
    assert page.live

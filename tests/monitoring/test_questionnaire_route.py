"""A curator publishes a questionnaire along a route of the package, in Russian
(issue 25, item 2): not Wagtail's «Moderators approval» with no members."""

import pytest
from django.urls import reverse
from django.utils import translation

from mentoring_wagtail.approvals.routes import PAGE_WORKFLOW
from mentoring_wagtail.monitoring.models import QuestionnairePage
from tests.approvals_support import setup_roles

from .support import YEAR, site_and_section

pytestmark = pytest.mark.django_db

ENGLISH_LEFT = ("Form fields", "questionnaire field", "Moderators approval")


def get_ru(client, url):
    with translation.override("ru"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    return response.content.decode()


def test_a_curator_builds_and_submits_a_questionnaire_the_director_publishes(
    client, settings
):
    settings.LANGUAGE_CODE = "ru"
    roles = setup_roles()
    curator = roles["curator"]
    _site, section = site_and_section()
    client.force_login(curator)
    add = reverse(
        "wagtailadmin_pages:add",
        args=["mentoring_monitoring", "questionnairepage", section.pk],
    )
    text = get_ru(client, add)
    assert "Добавить вопрос" in text
    for words in ENGLISH_LEFT:
        assert words not in text

    page = QuestionnairePage(
        title="Анкета наставляемого", academic_year=YEAR, live=False, owner=curator
    )
    section.add_child(instance=page)
    page.save_revision(user=curator)
    assert page.get_workflow().name == PAGE_WORKFLOW
    text = get_ru(client, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert PAGE_WORKFLOW in text  # «Отправить в …» the package's route
    for words in ENGLISH_LEFT:
        assert words not in text

    page.get_workflow().start(page, curator)
    page.refresh_from_db()
    # The director, who holds the right to publish, completes the route.
    director = roles["director"]
    task = page.current_workflow_task
    assert "approve" in {name for name, *_r in task.get_actions(page, director)}
    task.on_action(page.current_workflow_task_state, director, "approve")
    page.refresh_from_db()
    assert page.live


def test_printed_links_use_the_address_the_school_is_reached_at(rf, settings):
    """The demo's site record says «localhost»: a printed link must not."""
    from mentoring_wagtail.monitoring.tokens import IssuedLink

    from .support import make_questionnaire

    settings.ALLOWED_HOSTS = ["*"]
    _site, section = site_and_section()
    questionnaire = make_questionnaire(section)
    link = IssuedLink(token="abc", group=None, role="mentee", person=None, label="")
    request = rf.get("/admin/", HTTP_HOST="school1.example.org")
    url = link.url(questionnaire, request)
    assert url.startswith("http://school1.example.org/")
    assert url.endswith("?k=abc")
    assert "localhost" not in url


def test_monitoring_offers_to_add_a_questionnaire_where_the_user_may(client, settings):
    """«Мониторинг» said «add a questionnaire page in the mentoring section»
    without a link: it offers «Добавить анкету» into the section."""
    settings.LANGUAGE_CODE = "ru"
    roles = setup_roles()
    _site, section = site_and_section()
    add = reverse(
        "wagtailadmin_pages:add",
        args=["mentoring_monitoring", "questionnairepage", section.pk],
    )
    client.force_login(roles["curator"])
    text = get_ru(client, reverse("mentoring_monitoring_overview"))
    assert f'href="{add}"' in text and "Добавить анкету" in text


def test_without_a_route_in_the_tree_the_add_form_still_submits_to_its_route(
    client, settings
):
    """A site whose root has no «Moderators approval» (switched off, or never
    there): Wagtail offered no «Отправить» on the add form; the page type's
    route is offered, and pressing it starts the route."""
    from wagtail.models import WorkflowPage

    settings.LANGUAGE_CODE = "ru"
    roles = setup_roles()
    _site, section = site_and_section()
    WorkflowPage.objects.all().delete()
    assert not section.has_workflow
    curator = roles["curator"]
    client.force_login(curator)
    add = reverse(
        "wagtailadmin_pages:add",
        args=["mentoring_monitoring", "questionnairepage", section.pk],
    )
    assert f"Отправить в «{PAGE_WORKFLOW}»" in get_ru(client, add)
    response = client.post(
        add,
        {
            "title": "Анкета без маршрута в дереве",
            "slug": "anketa-bez-marshruta",
            "academic_year": YEAR,
            "audience": "mentees",
            "moment": "end",
            "scale_min": 1,
            "scale_max": 5,
            "satisfied_from": 4,
            "form_fields-TOTAL_FORMS": 0,
            "form_fields-INITIAL_FORMS": 0,
            "form_fields-MIN_NUM_FORMS": 0,
            "form_fields-MAX_NUM_FORMS": 1000,
            "action-submit": "1",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    page = QuestionnairePage.objects.get()
    assert page.workflow_in_progress and not page.live
    assert page.get_workflow().name == PAGE_WORKFLOW

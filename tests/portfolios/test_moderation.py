"""A mentor submits; the curator approves or sends back; nothing public before."""

import json

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from mentoring_wagtail.approvals.routes import PORTFOLIO_WORKFLOW
from mentoring_wagtail.portfolios.models import MentorPortfolioPage

pytestmark = pytest.mark.django_db


# The section and the roles are built once for this module (conftest.py).
@pytest.fixture
def roles(roles_once):
    return roles_once


@pytest.fixture
def mentoring_section(roles_once):
    return roles_once


# What a crafted editor request could send: script as text, a javascript:
# link, an image and a heading the mentor's features do not include.
HOSTILE = json.dumps(
    {
        "blocks": [
            {
                "key": "a",
                "type": "unstyled",
                "depth": 0,
                "text": "Учу с любовью <script>alert(1)</script> ссылка",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 40, "length": 6, "key": 0}],
                "data": {},
            },
            {
                "key": "b",
                "type": "atomic",
                "depth": 0,
                "text": " ",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 1, "key": 1}],
                "data": {},
            },
            {
                "key": "c",
                "type": "header-two",
                "depth": 0,
                "text": "Заголовок",
                "inlineStyleRanges": [],
                "entityRanges": [],
                "data": {},
            },
        ],
        "entityMap": {
            "0": {
                "type": "LINK",
                "mutability": "MUTABLE",
                "data": {"url": "javascript:alert(2)"},
            },
            "1": {
                "type": "IMAGE",
                "mutability": "IMMUTABLE",
                "data": {"id": 1, "src": "x.jpg", "alt": "", "format": "left"},
            },
        },
    }
)


def edit_data(page, **fields):
    """The page editor's POST, as the browser sends it."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    from mentoring_wagtail.portfolios.choices import MENTOR_TEXT_FEATURES

    biography = fields.pop("biography", page.biography)
    converter = ContentstateConverter(features=MENTOR_TEXT_FEATURES)
    data = {
        "title": page.title,
        "slug": page.slug,
        "position": page.position,
        "subject": page.subject,
        "experience": page.experience,
        "competencies": page.competencies,
        "photo_alt": "",
        "biography": converter.from_database_format(biography),
    }
    for prefix in ("courses", "achievements", "comments"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(fields)
    return data


@pytest.fixture
def draft(make_mentor, make_portfolio):
    mentor = make_mentor("Смирнова", username="anna")
    return make_portfolio(mentor, publish=False)


def submit_as_mentor(client, page, **fields):
    client.force_login(page.mentor.person.user)
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_data(page, **{"action-submit": "1", **fields}),
    )


def test_mentor_submits_into_the_portfolio_route_and_nothing_is_public(client, draft):
    response = submit_as_mentor(client, draft, experience="Двадцать лет в школе")
    assert response.status_code == 302
    page = MentorPortfolioPage.objects.get(pk=draft.pk)
    state = page.current_workflow_state
    assert state.workflow.name == PORTFOLIO_WORKFLOW
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.live
    client.logout()
    assert client.get(page.url).status_code == 404


def test_curator_approves_and_the_portfolio_goes_public(client, draft, curator):
    submit_as_mentor(client, draft, experience="Двадцать лет в школе")
    page = MentorPortfolioPage.objects.get(pk=draft.pk)
    task_state = page.current_workflow_state.current_task_state
    client.force_login(curator)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", task_state.pk],
        ),
        {"comment": "Хорошо"},
    )
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_APPROVED
    page.refresh_from_db()
    assert page.live
    client.logout()
    assert "Двадцать лет в школе" in client.get(page.url).content.decode()


def test_curator_sends_back_with_a_comment(client, draft, curator):
    submit_as_mentor(client, draft)
    page = MentorPortfolioPage.objects.get(pk=draft.pk)
    task_state = page.current_workflow_state.current_task_state
    client.force_login(curator)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "reject", task_state.pk],
        ),
        {"comment": "Добавьте фотографию"},
    )
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_REJECTED
    assert task_state.comment == "Добавьте фотографию"
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    # The mentor sees the comment in their editor.
    client.force_login(page.mentor.person.user)
    body = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
    assert "Добавьте фотографию" in body.decode()


def test_a_mentor_cannot_publish_directly(client, draft):
    client.force_login(draft.mentor.person.user)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        edit_data(draft, **{"action-publish": "1"}),
    )
    draft.refresh_from_db()
    assert not draft.live


def test_revisions_compare_and_preview_work_for_the_mentor(client, draft):
    client.force_login(draft.mentor.person.user)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    client.post(edit_url, edit_data(draft, experience="Первая версия"))
    client.post(edit_url, edit_data(draft, experience="Вторая версия"))
    page = MentorPortfolioPage.objects.get(pk=draft.pk)
    revisions = list(page.revisions.order_by("pk"))
    assert len(revisions) >= 3
    compare = client.get(
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[page.pk, revisions[-2].pk, revisions[-1].pk],
        )
    )
    assert compare.status_code == 200
    body = compare.content.decode()
    assert "Вторая" in body and "Первая" in body  # a word-level diff
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    client.post(preview_url, edit_data(page, experience="Черновик для просмотра"))
    preview = client.get(preview_url)
    assert "Черновик для просмотра" in preview.content.decode()


def test_what_a_mentor_writes_is_sanitised(client, draft):
    client.force_login(draft.mentor.person.user)
    data = edit_data(draft)
    data["biography"] = HOSTILE
    client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
    page = MentorPortfolioPage.objects.get(pk=draft.pk)
    saved = page.get_latest_revision_as_object().biography
    assert "Учу с любовью" in saved
    for bad in ("<script", "javascript:", "<img", "<embed", "<h2"):
        assert bad not in saved

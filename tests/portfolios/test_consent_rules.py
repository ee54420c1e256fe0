"""No publication consent, no public portfolio; withdrawal or leaving unpublishes."""

import pytest
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import Page, WorkflowState

from mentoring_wagtail.participants.models import MentorStatus
from mentoring_wagtail.portfolios.eligibility import why_not_publishable
from mentoring_wagtail.portfolios.models import MentorPortfolioPage
from mentoring_wagtail.portfolios.rights import mentor_holds_right

pytestmark = pytest.mark.django_db


# The section and the roles are built once for this module (conftest.py).
@pytest.fixture
def roles(roles_once):
    return roles_once


@pytest.fixture
def mentoring_section(roles_once):
    return roles_once


def sitemap_locations():
    """What Wagtail's sitemap (wagtail.contrib.sitemaps) would list."""
    from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

    sitemap = Sitemap()
    return {
        url["location"] for item in sitemap.items() for url in item.get_sitemap_urls()
    }


def public_search(text):
    """What a site's search view (as ``wagtail start`` makes it) finds."""
    return list(Page.objects.live().public().search(text))


def public_traces(client, page, index):
    """Where an anonymous visitor could meet the mentor."""
    name = page.mentor.person.last_name
    return {
        "page": client.get(page.url).status_code == 200,
        "index": name in client.get(index.url).content.decode(),
        "sitemap": page.full_url in sitemap_locations(),
        "search": any(found.pk == page.pk for found in public_search(name)),
    }


def withdraw(mentor):
    consent = mentor.person.consents.get()
    consent.withdrawn_on = timezone.localdate()
    consent.save()


@pytest.fixture
def published(make_mentor, make_portfolio):
    mentor = make_mentor("Смирнова", username="smirnova")
    return make_portfolio(mentor)


def test_published_portfolio_reaches_page_index_and_sitemap(
    client, published, mentor_index
):
    traces = public_traces(client, published, mentor_index)
    assert all(traces.values()), traces


def test_withdrawing_consent_unpublishes_at_once_and_keeps_the_page(
    client, published, mentor_index
):
    withdraw(published.mentor)

    page = MentorPortfolioPage.objects.get(pk=published.pk)
    assert not page.live
    assert not any(public_traces(client, page, mentor_index).values())
    assert page.revisions.exists()  # kept, with its history
    assert not mentor_holds_right(page)
    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish").exists()


def test_consent_without_publication_never_serves_even_if_live(
    client, make_mentor, make_portfolio, mentor_index
):
    mentor = make_mentor("Петрова", username="petrova", publication=False)
    page = make_portfolio(mentor, publish=False)
    # Forced live behind Wagtail's back: serving still refuses.
    MentorPortfolioPage.objects.filter(pk=page.pk).update(live=True)
    page.refresh_from_db()
    traces = public_traces(client, page, mentor_index)
    # (A site's search lists live pages: the guarantee there is that the
    # page cannot stay live, tested above and below.)
    assert not (traces["page"] or traces["index"] or traces["sitemap"])
    # The mentor does not even get the right to edit.
    assert not mentor_holds_right(page)


def test_publishing_is_refused_without_publication_consent(
    client, make_mentor, make_portfolio, mentor_index, django_user_model
):
    mentor = make_mentor("Петрова", publication=False)
    page = make_portfolio(mentor, publish=False)
    admin = django_user_model.objects.create_superuser("root", "r@x.example", "pw")
    client.force_login(admin)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            "title": page.title,
            "slug": page.slug,
            "mentor": mentor.pk,
            "biography": '{"blocks": [], "entityMap": {}}',
            **empty_inlines(),
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 200  # the form again, with the reason
    with translation.override("ru"):
        reason = why_not_publishable(mentor)
    assert escape(reason) in response.content.decode()
    page.refresh_from_db()
    assert not page.live


def test_an_approval_arriving_after_withdrawal_publishes_nothing(
    client, published, mentor_index
):
    withdraw(published.mentor)
    page = MentorPortfolioPage.objects.get(pk=published.pk)
    page.save_revision().publish()  # e.g. an approval already on its way
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url).status_code == 404


def test_inactive_mentor_page_is_unpublished_not_deleted(
    client, published, mentor_index
):
    mentor = published.mentor
    mentor.status = MentorStatus.INACTIVE
    mentor.save()
    page = MentorPortfolioPage.objects.get(pk=published.pk)
    assert not page.live
    assert not mentor_holds_right(page)
    assert not public_traces(client, page, mentor_index)["index"]


def test_withdrawal_stops_a_moderation_in_progress(published, curator):
    from mentoring_wagtail.approvals.routes import PORTFOLIO_WORKFLOW

    page = published
    workflow = page.get_workflow()
    assert workflow.name == PORTFOLIO_WORKFLOW
    workflow.start(page, page.mentor.person.user)
    withdraw(page.mentor)
    state = WorkflowState.objects.get(
        base_content_type__isnull=False, object_id=str(page.pk)
    )
    assert state.status == WorkflowState.STATUS_CANCELLED


def test_consent_given_again_gives_the_right_back_but_does_not_republish(published):
    mentor = published.mentor
    withdraw(mentor)
    from mentoring_wagtail.participants.models import PersonalDataConsent

    PersonalDataConsent.objects.create(
        person=mentor.person,
        given_on=timezone.localdate(),
        covers_processing=True,
        covers_publication=True,
    )
    page = MentorPortfolioPage.objects.get(pk=published.pk)
    assert mentor_holds_right(page)
    assert not page.live  # the mentor submits again; the curator decides


def empty_inlines():
    data = {}
    for prefix in ("courses", "achievements", "comments"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data

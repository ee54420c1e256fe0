"""A mentor edits their own portfolio and nothing else, wherever they try."""

import re

import pytest
from django.urls import URLPattern, reverse
from wagtail.admin.urls import pages as page_urls
from wagtail.models import Page

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


SECRET = "Секретная черновая биография"


@pytest.fixture
def two_mentors(make_mentor, make_portfolio):
    anna = make_mentor("Смирнова", username="anna")
    boris = make_mentor("Борисов", "Борис", username="boris")
    own = make_portfolio(anna, publish=False)
    other = make_portfolio(boris, publish=False, biography=f"<p>{SECRET}</p>")
    # Boris has submitted his page: there is a task state to aim at.
    other.get_workflow().start(other, boris.person.user)
    return anna.person.user, own, other


def test_the_right_is_given_when_the_page_is_created(two_mentors, client):
    user, own, _other = two_mentors
    assert mentor_holds_right(own)
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[own.pk]))
    assert response.status_code == 200
    assert 'name="mentor"' not in response.content.decode()  # may not reassign it


# Wagtail's «publishing will cancel the workflow» dialog answers anyone with
# admin access, naming only the task and the workflow, never the page.
NAMES_NOTHING = {"confirm_workflow_cancellation"}


def page_url_variants(page, index):
    """Every admin page URL of Wagtail, aimed at ``page``."""
    revision = page.latest_revision
    workflow_state = page.current_workflow_state
    task_state = workflow_state.current_task_state
    values = {
        "page_id": page.pk,
        "pk": page.pk,
        "page_to_move_id": page.pk,
        "parent_page_id": page.pk,
        "destination_id": index.pk,
        "revision_id": revision.pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "task_state_id": task_state.pk,
        "workflow_state_id": workflow_state.pk,
        "task_id": task_state.task_id,
        "action_name": "approve",
    }
    for pattern in page_urls.urlpatterns:
        if not isinstance(pattern, URLPattern):
            continue
        names = set(pattern.pattern.regex.groupindex)
        if not names & {"page_id", "pk", "page_to_move_id", "parent_page_id"}:
            continue
        if "content_type_app_name" in names:
            continue
        kwargs = {name: values[name] for name in names}
        yield pattern.name, reverse(f"wagtailadmin_pages:{pattern.name}", kwargs=kwargs)


def refused(response):
    """Refused: an error status, or Wagtail's redirect home with a message."""
    if response.status_code in (403, 404, 405):
        return True
    return bool(response.redirect_chain) and response.redirect_chain[-1][0] in (
        reverse("wagtailadmin_home"),
        "/admin/",
    )


def test_another_mentors_page_is_refused_on_every_admin_url(two_mentors, client):
    user, _own, other = two_mentors
    index = other.get_parent()
    client.force_login(user)
    checked = []
    for name, url in page_url_variants(other, index):
        for method in ("get", "post"):
            response = getattr(client, method)(url, follow=True)
            body = response.content.decode(errors="replace")
            assert SECRET not in body, (name, method)
            if name in NAMES_NOTHING:
                assert other.title not in body
                continue
            assert refused(response), (name, method, response.redirect_chain)
            checked.append(name)
    assert {"edit", "preview_on_edit", "revisions_view", "revisions_compare"} <= set(
        checked
    )
    assert {"history", "workflow_history", "delete", "copy", "move"} <= set(checked)
    other.refresh_from_db()
    assert other.current_workflow_state.status == "in_progress"  # nothing approved


def test_choosers_do_not_show_another_mentors_draft(two_mentors, client):
    user, own, other = two_mentors
    index = other.get_parent()
    client.force_login(user)
    listing = client.get(
        reverse("wagtailadmin_choose_page_child", args=[index.pk])
    ).json()["html"]
    assert own.title in listing
    assert other.title not in listing
    found = client.get(
        reverse("wagtailadmin_choose_page_search"), {"q": "Борисов"}
    ).content.decode()
    assert other.title not in found


def test_a_mentor_may_not_delete_move_or_copy_even_their_own_page(two_mentors):
    user, own, _other = two_mentors
    tester = Page.objects.get(pk=own.pk).permissions_for_user(user)
    assert tester.can_edit()
    assert not tester.can_publish()
    assert not tester.can_delete()
    assert not tester.can_move()
    assert not tester.can_copy()
    assert not tester.can_add_subpage()


def test_the_explorer_shows_the_mentor_only_their_page(two_mentors, client):
    user, own, other = two_mentors
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_explore", args=[own.get_parent().pk]))
    body = response.content.decode()
    assert other.title not in body


def test_my_portfolio_leads_to_the_own_page(two_mentors, client):
    user, own, _other = two_mentors
    client.force_login(user)
    response = client.get(reverse("mentoring_portfolios:mine"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[own.pk])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-mentoring-my-portfolio" in dashboard
    assert reverse("mentoring_portfolios:mine") in dashboard


def test_a_mentor_without_a_page_creates_a_draft_of_their_own(
    make_mentor, mentor_index, client
):
    mentor = make_mentor("Новикова", username="novikova")
    client.force_login(mentor.person.user)
    response = client.get(reverse("mentoring_portfolios:mine"))
    assert response.status_code == 200
    response = client.post(reverse("mentoring_portfolios:mine"))
    page = MentorPortfolioPage.objects.get(mentor=mentor)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and mentor_holds_right(page)
    # Only once.
    assert denied(client.post(reverse("mentoring_portfolios:mine")))
    assert MentorPortfolioPage.objects.filter(mentor=mentor).count() == 1


def denied(response):
    """Wagtail's admin answers a refusal with a redirect to its home page."""
    return response.status_code == 403 or (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
    )


def test_people_who_are_not_mentors_get_no_portfolio_entry(client, curator):
    client.force_login(curator)
    assert denied(client.get(reverse("mentoring_portfolios:mine")))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-mentoring-my-portfolio" not in dashboard
    assert not re.search(r"mentoring-my-portfolio", dashboard)


def test_the_right_follows_the_page_to_another_mentor(two_mentors, make_mentor):
    user, own, _other = two_mentors
    newcomer = make_mentor("Новикова", username="novikova")
    own.mentor = newcomer
    own.save()
    assert not own.permissions_for_user(user).can_edit()
    assert own.permissions_for_user(newcomer.person.user).can_edit()


def test_the_right_follows_the_person_to_another_site_user(two_mentors):
    from tests.portfolios.conftest import make_user

    user, own, _other = two_mentors
    person = own.mentor.person
    replacement = make_user("anna2", role="mentor")
    person.user = replacement
    person.save()
    page = MentorPortfolioPage.objects.get(pk=own.pk)
    assert not page.permissions_for_user(user).can_edit()
    assert page.permissions_for_user(replacement).can_edit()

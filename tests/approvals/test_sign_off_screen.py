"""The director signs on one short screen, from the dashboard (issue 25, item 8)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from mentoring_wagtail.approvals.models import SignOff
from mentoring_wagtail.models import Order
from mentoring_wagtail.section.site_settings import OrganisationSettings

from ..approvals_support import denied
from ..documents_support import make_document
from ..module_state import built_once
from .test_sign_off_edit_view import at_signature

pytestmark = pytest.mark.django_db


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, _users = built_once()


@pytest.fixture
def users(_users, settings):
    settings.LANGUAGE_CODE = "ru"
    return _users


def get(client, user, url):
    client.force_login(user)
    with translation.override("ru"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    return response, re.sub(r"\s+", " ", response.content.decode())


def ready(users, title="О наставничестве"):
    return at_signature(
        users, title, number="12-ОД", signed_scan=make_document("Скан приказа")
    )


def test_the_dashboard_leads_to_one_sign_button(client, users):
    order = ready(users)
    _response, home = get(client, users["director"], reverse("wagtailadmin_home"))
    link = re.search(r'href="([^"]+)" data-sign-off-link', home)
    assert link, "no «Подписать» on the director's dashboard"
    response, text = get(client, users["director"], link.group(1))
    assert response.status_code == 200
    assert "12-ОД" in text and "О наставничестве" in text
    assert "data-sign-off-scan" in text  # the scan is one click away
    assert text.count("data-sign-off-button") == 1
    assert ">Подписать<" in text
    client.post(link.group(1))
    order.refresh_from_db()
    assert order.live
    assert SignOff.for_object(order).get().number == "12-ОД"


def test_without_the_scan_the_screen_says_what_is_missing(client, users):
    order = at_signature(users, "Без скана", number="13-ОД")
    url = reverse(
        "mentoring_sign_off:sign_off", args=[order.current_workflow_task_state.pk]
    )
    response, text = get(client, users["director"], url)
    assert response.status_code == 200
    assert "data-sign-off-button" not in text
    assert "скан" in text
    client.post(url)
    order.refresh_from_db()
    assert not order.live and not SignOff.for_object(order).exists()


def test_only_the_steps_reviewers_may_sign(client, users):
    order = ready(users, "Чужой подписи")
    url = reverse(
        "mentoring_sign_off:sign_off", args=[order.current_workflow_task_state.pk]
    )
    for role in ("secretary", "curator", "mentor"):
        client.force_login(users[role])
        assert denied(client.get(url))
        assert denied(client.post(url))
    order.refresh_from_db()
    assert not order.live


def test_the_director_is_offered_no_publish_past_the_route(client, users):
    order = ready(users, "Без обхода")
    edit = reverse(Order.snippet_viewset.get_url_name("edit"), args=[order.pk])
    _response, text = get(client, users["director"], edit)
    assert 'name="action-publish"' not in text


def test_a_new_order_names_the_director_from_the_organisation(client, users):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    organisation = OrganisationSettings.for_site(site)
    organisation.director_title = "Директор МБОУ СШ № 1"
    organisation.director_name = "Е.В. Сидорова"
    organisation.save()
    client.force_login(users["secretary"])
    response = client.get(reverse(Order.snippet_viewset.get_url_name("add")))
    form = response.context["form"]
    assert form["signatory_title"].value() == "Директор МБОУ СШ № 1"
    assert form["signatory_name"].value() == "Е.В. Сидорова"

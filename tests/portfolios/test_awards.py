"""Awards: on the portfolio with a link to the awarding order in the registry,
and listed for a year in the admin."""

import pytest
from django.urls import reverse

from mentoring_wagtail.models import DocumentRegistryPage
from mentoring_wagtail.portfolios.models import Award
from tests.documents_support import make_document, make_order

pytestmark = pytest.mark.django_db


# The section and the roles are built once for this module (conftest.py).
@pytest.fixture
def roles(roles_once):
    return roles_once


@pytest.fixture
def mentoring_section(roles_once):
    return roles_once


def test_award_links_to_its_order_in_the_registry(
    client, roles, make_mentor, make_portfolio
):
    registry = roles.add_child(
        instance=DocumentRegistryPage(title="Документы", slug="documents")
    )
    order = make_order(
        publish=True, number="41-ОД", signed_scan=make_document(), title="О награждении"
    )
    assert order.live
    mentor = make_mentor("Алексеева")
    page = make_portfolio(mentor)
    Award.objects.create(
        mentor=mentor, title="Лучший наставник", year=2025, order=order
    )
    html = client.get(page.url).content.decode()
    assert f'href="{registry.document_url(order)}"' in html
    assert client.get(registry.document_url(order)).status_code == 200


def test_an_unpublished_order_is_not_linked(client, roles, make_mentor, make_portfolio):
    roles.add_child(instance=DocumentRegistryPage(title="Документы", slug="documents"))
    order = make_order(title="Проект приказа")
    mentor = make_mentor("Алексеева")
    page = make_portfolio(mentor)
    Award.objects.create(
        mentor=mentor, title="Лучший наставник", year=2025, order=order
    )
    html = client.get(page.url).content.decode()
    assert "Лучший наставник" in html and "/documents/orders/" not in html


def test_curator_lists_awards_of_a_year(client, curator, make_mentor):
    first = make_mentor("Алексеева")
    second = make_mentor("Борисова")
    Award.objects.create(mentor=first, title="Лучший наставник 2024", year=2024)
    Award.objects.create(mentor=second, title="Лучший наставник 2025", year=2025)
    client.force_login(curator)
    response = client.get(reverse("mentoring_awards:index"), {"year": "2025"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Лучший наставник 2025" in body and "Лучший наставник 2024" not in body


def test_a_mentor_cannot_reach_the_awards_admin(client, make_mentor, roles):
    mentor = make_mentor("Алексеева", username="alexeeva")
    client.force_login(mentor.person.user)
    response = client.get(reverse("mentoring_awards:add"))
    assert response.status_code in (302, 403)
    assert not Award.objects.exists()

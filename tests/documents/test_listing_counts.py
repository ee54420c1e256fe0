"""The listings of our records count them in Russian: «1 приказ», «5 приказов»."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Site

from mentoring_wagtail.models import Order, Regulation

from ..documents_support import TODAY, make_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def director_client(client, django_user_model, settings, mentoring_section):
    settings.LANGUAGE_CODE = "ru"
    client.force_login(django_user_model.objects.create_superuser("boss", "", "pw"))
    return client


def listing_text(client, model, **params):
    url = reverse(model.snippet_viewset.get_url_name("list_results"))
    response = client.get(url, params, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    return re.sub(r"\s+<", "<", re.sub(r"\s+", " ", response.content.decode()))


@pytest.mark.parametrize(
    "count,words",
    [(1, "1 приказ<"), (2, "2 приказа<"), (5, "5 приказов<"), (21, "21 приказ<")],
)
def test_the_order_listing_counts_in_russian_plural(director_client, count, words):
    for index in range(count):
        make_order(title=f"Приказ {index}")
    text = listing_text(director_client, Order)
    assert words in text
    assert "приказы<" not in text


def test_other_documents_count_in_their_own_words(director_client):
    from ..documents_support import make_document

    for index in range(3):
        Regulation.objects.create(
            site=Site.objects.get(is_default_site=True),
            title=f"Положение {index}",
            date=TODAY,
            file=make_document(f"Файл {index}"),
        )
    assert "3 положения<" in listing_text(director_client, Regulation)


def test_an_empty_listing_reads_as_russian(director_client):
    text = listing_text(director_client, Order)
    assert "Нет приказы" not in text and "There are no" not in text
    assert "Здесь пока ничего нет." in text

"""The demo's search finds a word in all its forms, on SQLite as on PostgreSQL,
from the site's search page (issue 25, item 12)."""

import pytest
from wagtail.models import Page

from mentoring_wagtail.search_backend import stemmed_query, stems_of

pytestmark = pytest.mark.django_db

FORMS = {
    "Положение о наставнике": "nastavnike",
    "Приказ о закреплении наставника": "nastavnika",
    "Встреча с наставниками": "nastavnikami",
    "Программа наставничества": "nastavnichestva",
    "План наставничеству": "nastavnichestvu",
}


@pytest.fixture
def pages(mentoring_section):
    from wagtail.search.backends import get_search_backend

    made = []
    for title, slug in FORMS.items():
        page = mentoring_section.add_child(instance=Page(title=title, slug=slug))
        made.append(page)
    backend = get_search_backend()
    for page in made:
        backend.add(page)
    return made


def titles(client, query):
    response = client.get("/search/", {"query": query})
    assert response.status_code == 200
    return {result.title for result in response.context["search_results"]}


def test_a_word_finds_its_other_forms(client, pages):
    mentor = {t for t in FORMS if "наставник" in t.lower()}
    assert titles(client, "наставник") >= mentor
    assert titles(client, "наставниками") >= mentor
    mentoring = {t for t in FORMS if "наставничеств" in t.lower()}
    assert titles(client, "наставничество") >= mentoring


def test_nothing_found_is_said_in_russian(client, pages):
    response = client.get("/search/", {"query": "астрофизика"})
    assert "ничего не найдено" in response.text


def test_stems_are_added_only_where_they_differ():
    assert stems_of("наставника и школа") == ["наставник", "школ"]
    assert stems_of("Word PDF") == []
    assert stemmed_query("наставники Word") == "наставник Word"

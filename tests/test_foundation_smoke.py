import pytest
from wagtail.models import Page

from mentoring_wagtail.models import MentoringIndexPage


@pytest.mark.django_db
def test_index_page_renders_for_visitor(client):
    root = Page.get_first_root_node()
    home = root.get_children().first()
    section = home.add_child(instance=MentoringIndexPage(title="Наставничество", slug="mentoring"))
    response = client.get(section.url)
    assert response.status_code == 200
    assert "Наставничество" in response.text

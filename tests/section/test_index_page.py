import pytest
from home.models import HomePage
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import rich_text

from mentoring_wagtail.models import MentoringIndexPage, OrganisationSettings

pytestmark = pytest.mark.django_db


def add_child(parent, title, slug, live=True):
    page = parent.add_child(instance=HomePage(title=title, slug=slug, live=live))
    return page


def test_visitor_reads_the_section_and_its_published_pages(client, mentoring_section):
    add_child(mentoring_section, "Дорожная карта", "roadmap")
    response = client.get(mentoring_section.url)
    assert response.status_code == 200
    assert "<h1" in response.text and "Наставничество" in response.text
    assert "Дорожная карта" in response.text


def test_visitor_never_sees_drafts_or_private_pages(client, mentoring_section):
    add_child(mentoring_section, "Черновик приказа", "draft", live=False)
    private = add_child(mentoring_section, "База наставляемых", "mentees")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get(mentoring_section.url)
    assert "Черновик приказа" not in response.text
    assert "База наставляемых" not in response.text


def test_section_header_shows_the_organisation(client, mentoring_section, home_page):
    settings = OrganisationSettings.for_site(home_page.get_site())
    settings.short_name = "МБОУ СШ № 99"
    settings.save()
    response = client.get(mentoring_section.url)
    assert "МБОУ СШ № 99" in response.text


def test_section_can_be_added_anywhere_in_the_tree(home_page):
    deep = add_child(home_page, "О школе", "about")
    assert MentoringIndexPage.can_create_at(deep)
    assert MentoringIndexPage.can_create_at(home_page)


class TestAdmin(WagtailTestUtils):
    def test_editor_creates_a_section_in_the_admin(self, client, home_page):
        user = self.create_superuser("admin")
        client.force_login(user)
        url = f"/admin/pages/add/mentoring_wagtail/mentoringindexpage/{home_page.pk}/"
        response = client.post(
            url,
            {
                "title": "Наставничество",
                "slug": "nastavnichestvo",
                "intro": rich_text(""),
                "action-publish": "1",
            },
        )
        assert response.status_code == 302
        section = MentoringIndexPage.objects.get(slug="nastavnichestvo")
        assert section.live
        assert client.get(section.url).status_code == 200

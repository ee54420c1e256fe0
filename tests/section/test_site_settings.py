import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Site
from wagtail.test.utils import WagtailTestUtils

from mentoring_wagtail.models import OrganisationSettings

pytestmark = pytest.mark.django_db


class TestOrganisationSettingsInAdmin(WagtailTestUtils):
    def url(self, site):
        return f"/admin/settings/mentoring_wagtail/organisationsettings/{site.pk}/"

    def test_director_edits_the_requisites(self, client):
        call_command("mentoring_setup", verbosity=0)
        director = self.create_user("director")
        director.groups.add(Group.objects.get(name="Директор"))
        client.force_login(director)
        site = Site.objects.get(is_default_site=True)

        response = client.get(self.url(site))
        assert response.status_code == 200
        for field in (
            "full_name",
            "short_name",
            "director_name",
            "director_title",
            "city",
        ):
            assert f'name="{field}"' in response.text

        response = client.post(
            self.url(site),
            {
                "full_name": "МБОУ «Школа № 3»",
                "short_name": "Школа № 3",
                "director_title": "Директор",
                "director_name": "А.Б. Вьюгина",
                "city": "Светлогорск",
            },
        )
        assert response.status_code == 302
        organisation = OrganisationSettings.for_site(site)
        assert organisation.director_name == "А.Б. Вьюгина"
        assert organisation.display_name == "Школа № 3"

    def test_mentor_cannot_change_the_requisites(self, client):
        call_command("mentoring_setup", verbosity=0)
        mentor = self.create_user("mentor")
        mentor.groups.add(Group.objects.get(name="Наставник"))
        client.force_login(mentor)
        site = Site.objects.get(is_default_site=True)
        response = client.post(self.url(site), {"full_name": "Чужая школа"})
        assert response.status_code in (302, 403)
        assert OrganisationSettings.for_site(site).full_name != "Чужая школа"

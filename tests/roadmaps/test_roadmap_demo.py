import pytest

from mentoring_wagtail.models import RoadmapActivity, RoadmapPage

pytestmark = pytest.mark.django_db


def test_demo_roadmap_loads_once_with_its_report(
    client, mentoring_section, django_user_model
):
    from demo.loaders import roadmap as loader

    curator = django_user_model.objects.create_user("curator")
    users = {"curator": curator}
    page = loader.load(mentoring_section.get_site(), mentoring_section, users)
    again = loader.load(mentoring_section.get_site(), mentoring_section, users)
    assert again.pk == page.pk and RoadmapPage.objects.count() == 1
    page = RoadmapPage.objects.get()
    assert page.live and page.academic_year == "2024/2025" and page.owner == curator
    statuses = set(
        RoadmapActivity.objects.filter(page=page).values_list("status", flat=True)
    )
    assert statuses == {"done", "in_progress", "not_done", "cancelled", "planned"}
    html = client.get(page.url).text
    assert "Издан приказ № 21-ОД от 30.08.2024 г." in html

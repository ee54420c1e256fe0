"""Several schools in one installation: links go to the record's own registry."""

import pytest
from wagtail.models import Page, Site

from mentoring_wagtail.approvals.familiarisation import public_url
from mentoring_wagtail.models import (
    DocumentRegistryPage,
    MentoringIndexPage,
    RoadmapPage,
)
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page

from ..documents_support import make_order, make_site_tree
from ..roadmaps.test_roadmap_pages import make_roadmap

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_schools():
    site_a, section_a, registry_a = make_site_tree()
    home_b = Page.get_first_root_node().add_child(
        instance=Page(title="Школа № 2", slug="school-2")
    )
    site_b = Site.objects.create(hostname="school2.example", root_page=home_b)
    section_b = home_b.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )
    registry_b = section_b.add_child(
        instance=DocumentRegistryPage(title="Документы", slug="documents")
    )
    return site_a, section_a, registry_a, site_b, section_b, registry_b


def test_roadmap_evidence_links_to_the_registry_of_the_records_site(
    client, two_schools
):
    site_a, section_a, registry_a, site_b, section_b, registry_b = two_schools
    order_a = make_order(site_a, number="1-ОД", title="Приказ школы 1", publish=True)
    order_b = make_order(site_b, number="1-ОД", title="Приказ школы 2", publish=True)
    page = create_roadmap_page(section_b, make_roadmap(2), publish=True)
    page = RoadmapPage.objects.get(pk=page.pk)
    raw = list(page.stages.raw_data)
    activities = raw[0]["value"]["activities"]
    activities[0]["value"]["evidence"] = [
        {"type": "order", "value": order_b.pk, "id": "e1"}
    ]
    activities[1]["value"]["evidence"] = [
        {"type": "order", "value": order_a.pk, "id": "e2"}
    ]
    page.stages = raw
    page.save_revision().publish()
    html = client.get(page.url, HTTP_HOST="school2.example").text
    link_b = registry_b.document_url(order_b)
    link_a = registry_a.document_url(order_a)
    assert f'href="{link_b}"' in html
    assert f'href="{link_a}"' in html
    # Each link really opens the record.
    assert client.get(link_b, HTTP_HOST="school2.example").status_code == 200
    assert client.get(link_a).status_code == 200


def test_familiarisation_links_to_the_registry_of_the_orders_site(two_schools):
    site_a, _sa, registry_a, site_b, _sb, registry_b = two_schools
    order_b = make_order(site_b, number="2-ОД", publish=True)
    order_a = make_order(site_a, number="2-ОД", publish=True)
    assert public_url(order_b) == registry_b.document_url(order_b)
    assert public_url(order_a) == registry_a.document_url(order_a)

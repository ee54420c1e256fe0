"""The execution-control panel follows the user's rights and sites.

A curator responsible for one roadmap sees that roadmap's activities only; a
director sees what awaits signature on the site they run; each item awaiting
signature is a link and says what is missing; Wagtail's own «awaiting your
review» panel does not list the same items again; the panel makes as many
queries for one item as for many.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, Site

from mentoring_wagtail.access.permissions import make_responsible_for_page
from mentoring_wagtail.approvals.admin.dashboard import ExecutionControlPanel
from mentoring_wagtail.models import MentoringIndexPage, Order
from mentoring_wagtail.roadmaps.interchange import Activity, Roadmap, Stage
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page

from ..approvals_support import make_user, setup_roles
from ..documents_support import make_document, make_order
from ..module_state import add_mentoring_section, built_once

pytestmark = pytest.mark.django_db
User = get_user_model()


def roadmap(section, title, activity):
    data = Roadmap(
        title=title,
        year="2019/2020",
        stages=[
            Stage(
                title="Этап 1",
                activities=[
                    Activity(number="1.1", title=activity, deadline="До 10 апреля 2020")
                ],
            )
        ],
    )
    return create_roadmap_page(section, data, publish=True)


def at_signature(site, curator, secretary, title, **fields):
    order = make_order(site=site, live=False, title=title, **fields)
    order.save_revision(user=secretary)
    order.get_workflow().start(order, secretary)
    order.refresh_from_db()
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, curator, "approve"
    )
    return order


def build_two_sites():
    section_a = add_mentoring_section()
    site_a = Site.objects.get(is_default_site=True)
    home_b = Page.get_first_root_node().add_child(
        instance=Page(title="Школа № 2", slug="school-2")
    )
    site_b = Site.objects.create(
        hostname="school2.example", root_page=home_b, site_name="Школа № 2"
    )
    section_b = home_b.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )
    users = setup_roles()
    return section_a, users, site_a, site_b, section_b


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once(build_two_sites)


@pytest.fixture
def two_sites(built):
    section_a, users, site_a, site_b, section_b = built
    return site_a, section_a, site_b, section_b, users


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def part(text, marker, end):
    return text.split(marker, 1)[1].split(end, 1)[0] if marker in text else ""


def test_a_curator_sees_the_activities_of_their_own_roadmap_only(client, two_sites):
    _site_a, section_a, _site_b, _section_b, users = two_sites
    own = roadmap(section_a, "Карта куратора", "Провести анкетирование")
    roadmap(section_a, "Чужая карта", "Организовать семинар")
    make_responsible_for_page(users["curator"], own)
    due = part(home(client, users["curator"]), "data-due-activities", "</table>")
    assert "Провести анкетирование" in due
    assert "Организовать семинар" not in due


def test_a_director_sees_what_awaits_signature_on_their_site(client, two_sites):
    site_a, section_a, site_b, section_b, users = two_sites
    at_signature(site_a, users["curator"], users["secretary"], "Приказ школы 1")
    at_signature(site_b, users["curator"], users["secretary"], "Приказ школы 2")
    # Two schools: each has its own role groups.
    director_b = make_user("director_b", "director", site=site_b)
    awaiting = part(home(client, director_b), "data-awaiting-signature", "</ul>")
    assert "Приказ школы 2" in awaiting
    assert "Приказ школы 1" not in awaiting


def test_orders_awaiting_signature_are_links_and_say_what_is_missing(client, two_sites):
    site_a, _section_a, _site_b, _section_b, users = two_sites
    missing = at_signature(site_a, users["curator"], users["secretary"], "Без скана")
    ready = at_signature(
        site_a,
        users["curator"],
        users["secretary"],
        "Со сканом",
        number="5-ОД",
        signed_scan=make_document("Скан"),
    )
    for role in ("director", "curator"):
        awaiting = part(home(client, users[role]), "data-awaiting-signature", "</ul>")
        for order in (missing, ready):
            edit = reverse(Order.snippet_viewset.get_url_name("edit"), args=[order.pk])
            assert f'href="{edit}"' in awaiting, role
    text = home(client, users["director"])
    items = text.split("data-awaiting-item")[1:]
    missing_item = next(item for item in items if "Без скана" in item)
    ready_item = next(item for item in items if "Со сканом" in item)
    assert "Пока нельзя подписать" in missing_item
    assert "скан" in missing_item and "номер" in missing_item
    assert "Пока нельзя подписать" not in ready_item
    assert "Готов к вашей подписи" in ready_item and "Подписать" in ready_item


def test_no_item_is_listed_twice_on_the_directors_home(client, two_sites):
    site_a, _section_a, _site_b, _section_b, users = two_sites
    at_signature(site_a, users["curator"], users["secretary"], "Единственный приказ")
    text = home(client, users["director"])
    assert text.count("Единственный приказ") == 1


def test_the_panel_makes_as_many_queries_for_one_item_as_for_many(client, two_sites):
    site_a, section_a, _site_b, _section_b, users = two_sites
    director = users["director"]
    at_signature(site_a, users["curator"], users["secretary"], "Приказ 0")
    roadmap(section_a, "Карта 0", "Мероприятие 0")

    def render_panel():
        request = RequestFactory().get("/admin/")
        request.user = User.objects.get(pk=director.pk)
        return ExecutionControlPanel(request).render_html({})

    render_panel()
    with CaptureQueriesContext(connection) as one:
        render_panel()
    for n in range(1, 6):
        at_signature(site_a, users["curator"], users["secretary"], f"Приказ {n}")
        roadmap(section_a, f"Карта {n}", f"Мероприятие {n}")
    with CaptureQueriesContext(connection) as many:
        text = render_panel()
    assert text.count("data-awaiting-item") == 6
    assert part(text, "data-due-activities", "</table>").count("<tr") == 6
    assert len(many) == len(one), "\n".join(
        q["sql"][:300] for q in many.captured_queries
    )


def test_the_heading_names_the_organisation_for_every_role(client, two_sites):
    from mentoring_wagtail.models import OrganisationSettings

    site_a, *_rest, users = two_sites
    OrganisationSettings.objects.update_or_create(
        site=site_a, defaults={"short_name": "МБОУ СШ № 7"}
    )
    for role in ("secretary", "methodologist", "mentor", "curator", "director"):
        text = home(client, users[role])
        heading = text.split('<h1 class="w-h1 w-mt-0">', 1)[1].split("</h1>", 1)[0]
        assert heading.strip() == "МБОУ СШ № 7", role

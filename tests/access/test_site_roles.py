"""One installation, two schools: every role sees and signs its own school only.

With a «Наставничество» section on two sites, ``mentoring_setup`` makes the
role groups per site. Each school's staff see their own orders in the
listing, the chooser and on the dashboard, never open or publish the other
school's, hold page rights on their own section only, and are offered only
their own school's approval steps; «Доступ» and «Ознакомление» offer the
school's own staff groups.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, TaskState, Workflow
from wagtail.permission_policies.pages import PagePermissionPolicy

from mentoring_wagtail.access.permissions import get_policy
from mentoring_wagtail.access.staff_roles import ROLES, get_role
from mentoring_wagtail.approvals.admin.review_panel import reviewable_task_states
from mentoring_wagtail.approvals.routes import ORDER_WORKFLOW, ROADMAP_WORKFLOW
from mentoring_wagtail.models import Order, RoadmapPage
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
from mentoring_wagtail.setup.steps import run_setup

from ..approvals_support import denied, make_user
from ..documents_support import make_document, make_order
from ..roadmaps.test_roadmap_pages import make_roadmap
from .schools_support import add_school, built_once

# Every test starts from the two schools built once, in whatever order they run
# (the tests of one school's setup are in test_site_roles_one_school.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("schools")]

STAFF = ("director", "curator", "secretary", "methodologist", "site_editor")


# Built once for the module; each test starts from it (tests/module_state.py).
_schools, schools = built_once()


def group_name(role_key, site):
    return f"{get_role(role_key).name} — {site.site_name} (сайт {site.pk})"


def in_workflow_at_sign_off(order, school):
    """Submitted by the school's secretary, approved by its curator."""
    order.save_revision(user=school.users["secretary"])
    order.get_workflow().start(order, school.users["secretary"])
    order.refresh_from_db()
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, school.users["curator"], "approve"
    )
    order.refresh_from_db()
    return order


def order_url(name, order=None):
    name = Order.snippet_viewset.get_url_name(name)
    return reverse(name, args=[order.pk]) if order else reverse(name)


def russian_refusal(client, response):
    """Refused with a message in Russian on the page the user lands on."""
    assert response.status_code == 302, response.status_code
    assert denied(response)
    landing = client.get(response["Location"])
    assert "у вас нет доступа" in landing.text


def test_setup_makes_each_schools_groups_named_by_site_and_keyed_by_id(schools):
    a, b = schools
    # A regional role (``per_site=False``) stays one group for every site.
    per_site = [role for role in ROLES if role.per_site]
    for school in (a, b):
        for role in per_site:
            assert Group.objects.filter(name=group_name(role.key, school.site)).exists()
    assert not Group.objects.filter(name__in=[role.name for role in per_site]).exists()
    director_b = Group.objects.get(name=group_name("director", b.site))
    pages = set(
        GroupPagePermission.objects.filter(group=director_b).values_list(
            "page_id", flat=True
        )
    )
    assert pages == {b.section.pk}
    # A renamed school keeps its groups (and their members): setup renames them.
    b.site.site_name = "Гимназия № 2"
    b.site.save()
    results = run_setup()
    director_b.refresh_from_db()
    assert director_b.name == group_name("director", b.site)
    assert director_b.user_set.filter(pk=b.users["director"].pk).exists()
    assert not any(result.created for result in run_setup()), results


@pytest.mark.parametrize("role", STAFF)
def test_the_order_listing_and_chooser_show_the_own_schools_orders(
    client, schools, role
):
    a, b = schools
    make_order(a.site, title="Приказ школы семь", publish=True)
    make_order(b.site, title="Приказ школы два", publish=True)
    for school, own, other in ((a, "семь", "два"), (b, "два", "семь")):
        client.force_login(school.users[role])
        listing = client.get(order_url("list"))
        assert listing.status_code == 200
        assert f"Приказ школы {own}" in listing.text
        assert f"Приказ школы {other}" not in listing.text
        chooser = client.get(
            reverse("wagtailsnippetchoosers_mentoring_wagtail_order:choose")
        ).json()["html"]
        assert f"Приказ школы {own}" in chooser
        assert f"Приказ школы {other}" not in chooser


@pytest.mark.parametrize("role", STAFF)
def test_the_other_schools_order_is_neither_opened_nor_published(client, schools, role):
    a, b = schools
    order_b = make_order(b.site, title="Приказ школы два", live=False)
    client.force_login(a.users[role])
    for view in ("edit", "inspect"):
        response = client.get(order_url(view, order_b))
        russian_refusal(client, response)
        assert "Приказ школы два" not in response.text
    response = client.post(
        order_url("edit", order_b), {"title": "Чужой приказ", "action-publish": "1"}
    )
    russian_refusal(client, response)
    order_b.refresh_from_db()
    assert not order_b.live and order_b.title == "Приказ школы два"


def test_the_secretary_edits_the_own_schools_order_only(client, schools):
    a, b = schools
    order_a = make_order(a.site, title="Приказ школы семь", live=False)
    client.force_login(a.users["secretary"])
    assert client.get(order_url("edit", order_a)).status_code == 200
    # A new order is made for the secretary's own school: no other is offered.
    assert 'name="site"' not in client.get(order_url("add")).text
    form_class = Order.snippet_viewset.get_form_class()
    form = form_class(instance=Order(), for_user=a.users["secretary"])
    assert form.instance.site_id == a.site.pk
    superuser_form = form_class(
        instance=Order(), for_user=make_user("admin", is_superuser=True)
    )
    assert set(superuser_form.fields["site"].queryset) == {a.site, b.site}


def test_awaiting_review_lists_the_own_schools_steps_as_wagtail_would(client, schools):
    a, b = schools
    order_b = make_order(b.site, title="Приказ школы два на проверке", live=False)
    order_b.save_revision(user=b.users["secretary"])
    order_b.get_workflow().start(order_b, b.users["secretary"])
    # The panel's narrowed query answers what Wagtail's loop over every
    # school's steps answers, for each school's staff and a superuser.
    admin = make_user("admin", is_superuser=True)
    for user in (a.users["curator"], b.users["curator"], b.users["director"], admin):
        assert set(reviewable_task_states(user)) == set(
            TaskState.objects.reviewable_by(user)
        ), user
    client.force_login(b.users["curator"])
    assert (
        "Приказ школы два на проверке" in client.get(reverse("wagtailadmin_home")).text
    )
    client.force_login(a.users["curator"])
    home = client.get(reverse("wagtailadmin_home")).text
    assert "Приказ школы два на проверке" not in home


def test_the_sign_off_is_offered_to_the_own_schools_director_only(client, schools):
    a, b = schools
    order_b = make_order(
        b.site,
        title="Приказ школы два",
        live=False,
        number="3-ОД",
        signed_scan=make_document("Скан"),
    )
    workflow = order_b.get_workflow()
    assert workflow.name == f"{ORDER_WORKFLOW} — Школа № 2 (сайт {b.site.pk})"
    signers = get_policy(Order).users_with_any_permission_for_instance(
        ["publish"], order_b
    )
    assert b.users["director"] in signers
    assert a.users["director"] not in signers
    order_b = in_workflow_at_sign_off(order_b, b)
    task = order_b.current_workflow_task.specific
    assert list(task.groups.all()) == [
        Group.objects.get(name=group_name("director", b.site))
    ]
    assert task.get_actions(order_b, a.users["director"]) == []
    assert "approve" in [
        name for name, *_ in task.get_actions(order_b, b.users["director"])
    ]
    # The dashboards: school B's director is asked to sign, school A's is not.
    client.force_login(a.users["director"])
    assert "Приказ школы два" not in client.get(reverse("wagtailadmin_home")).text
    client.force_login(b.users["director"])
    assert "Приказ школы два" in client.get(reverse("wagtailadmin_home")).text
    # A forged sign-off by school A's director changes nothing.
    client.force_login(a.users["director"])
    state = order_b.current_workflow_task_state
    response = client.post(
        reverse(
            Order.snippet_viewset.get_url_name("workflow_action"),
            args=[order_b.pk, "approve", state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code < 500 and denied(response)
    order_b.refresh_from_db()
    assert not order_b.live


def test_roadmap_rights_and_review_stay_within_the_school(schools):
    a, b = schools
    roadmap_b = create_roadmap_page(b.section, make_roadmap(1))
    roadmap_b = RoadmapPage.objects.get(pk=roadmap_b.pk)
    assert roadmap_b.get_workflow().name == (
        f"{ROADMAP_WORKFLOW} — Школа № 2 (сайт {b.site.pk})"
    )
    for role in ("director", "site_editor"):
        assert roadmap_b.permissions_for_user(b.users[role]).can_edit()
        assert not roadmap_b.permissions_for_user(a.users[role]).can_edit()
    assert roadmap_b.permissions_for_user(b.users["director"]).can_publish()
    assert not roadmap_b.permissions_for_user(a.users["director"]).can_publish()
    assert b.section.permissions_for_user(b.users["curator"]).can_add_subpage()
    assert not b.section.permissions_for_user(a.users["curator"]).can_add_subpage()
    viewers = PagePermissionPolicy().users_with_permission_for_instance(
        "view", b.section
    )
    assert b.users["methodologist"] in viewers
    assert a.users["methodologist"] not in viewers
    # The methodologist's review is offered to school B's methodologist only.
    roadmap_b.save_revision(user=b.users["curator"])
    roadmap_b.get_workflow().start(roadmap_b, b.users["curator"])
    roadmap_b.refresh_from_db()
    task = roadmap_b.current_workflow_task.specific
    assert task.get_actions(roadmap_b, a.users["methodologist"]) == []
    assert task.get_actions(roadmap_b, b.users["methodologist"])


def test_access_and_familiarisation_offer_the_schools_own_groups(client, schools):
    a, b = schools
    order_b = make_order(b.site, title="Приказ школы два", number="4-ОД", live=True)
    client.force_login(b.users["secretary"])
    for url in (
        reverse(
            "mentoring_sharing:object", args=["mentoring_wagtail", "order", order_b.pk]
        ),
        reverse(
            "mentoring_familiarisation:object",
            args=["mentoring_wagtail", "order", order_b.pk],
        ),
    ):
        text = client.get(url).text
        assert group_name("curator", b.site) in text, url
        assert f"(сайт {a.site.pk})" not in text, url
    # A forged grant to the other school's group is refused.
    other = Group.objects.get(name=group_name("curator", a.site))
    response = client.post(
        reverse(
            "mentoring_sharing:object", args=["mentoring_wagtail", "order", order_b.pk]
        ),
        {"group": other.pk, "actions": ["view_order"]},
    )
    assert response.status_code < 500
    assert not other.groupobjectpermission_set.exists()


def test_a_school_added_later_gets_its_own_roles_and_routes(schools):
    a, _b = schools
    site_c, section_c = add_school("Школа № 3", "school-3", "school3.example")
    director_c = Group.objects.get(name=group_name("director", site_c))
    assert GroupPagePermission.objects.filter(group=director_c, page=section_c).exists()
    # Nobody of another school gains a right on it.
    assert set(
        GroupPagePermission.objects.filter(page=section_c).values_list(
            "group__name", flat=True
        )
    ) <= {group_name(role.key, site_c) for role in ROLES}
    assert not section_c.permissions_for_user(a.users["director"]).can_edit()
    assert Workflow.objects.filter(
        name=f"{ROADMAP_WORKFLOW} — Школа № 3 (сайт {site_c.pk})"
    ).exists()
    roadmap_c = create_roadmap_page(section_c, make_roadmap(1))
    assert roadmap_c.get_workflow().name.endswith(f"(сайт {site_c.pk})")

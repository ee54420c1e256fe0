"""A section added after ``mentoring_setup`` works at once for every role."""

import pytest
from wagtail.models import Page, Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from mentoring_wagtail.approvals.routes import ROADMAP_WORKFLOW
from mentoring_wagtail.models import MentoringIndexPage
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page

from ..approvals_support import setup_roles
from ..roadmaps.test_roadmap_pages import make_roadmap

pytestmark = pytest.mark.django_db


def test_a_section_added_after_setup_gets_the_roles_rights_and_route(home_page):
    users = setup_roles()  # no section exists yet
    home_b = Page.get_first_root_node().add_child(
        instance=Page(title="Школа № 2", slug="school-2")
    )
    Site.objects.create(hostname="school2.example", root_page=home_b)
    section = home_b.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )
    section = Page.objects.get(pk=section.pk)
    director = section.permissions_for_user(users["director"])
    assert director.can_edit() and director.can_publish()
    assert section.permissions_for_user(users["curator"]).can_add_subpage()
    viewers = PagePermissionPolicy().users_with_permission_for_instance("view", section)
    assert users["methodologist"] in viewers
    assert not section.permissions_for_user(users["secretary"]).can_edit()
    # A roadmap created there follows the roadmap route at once.
    roadmap = create_roadmap_page(section.specific, make_roadmap(1))
    assert roadmap.get_workflow().name == ROADMAP_WORKFLOW


def test_before_setup_nothing_is_granted(home_page):
    from wagtail.models import GroupPagePermission

    section = home_page.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )
    assert not GroupPagePermission.objects.filter(page=section).exists()

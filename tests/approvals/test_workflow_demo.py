"""The demo school's approval data: local rights and a pending familiarisation."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Workflow

from mentoring_wagtail.access.permissions import get_page_local_group
from mentoring_wagtail.approvals.routes import DEFAULT_WORKFLOWS
from mentoring_wagtail.models import Acknowledgement, Order, RoadmapPage

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot():
    return (
        Group.objects.count(),
        Acknowledgement.objects.count(),
        Workflow.objects.count(),
        sorted(
            Group.objects.filter(user__isnull=False).values_list(
                "user__username", "name"
            )
        ),
    )


def test_demo_curator_is_responsible_for_the_demo_roadmap_and_reload_changes_nothing(
    client,
):
    call_command("load_demo_school", stdout=StringIO())
    assert set(Workflow.objects.values_list("name", flat=True)) >= {
        spec.name for spec in DEFAULT_WORKFLOWS
    }
    roadmap = RoadmapPage.objects.order_by("path").first()
    if roadmap is not None:
        group = get_page_local_group(roadmap)
        assert group.user_set.filter(username="curator").exists()
        assert roadmap.get_workflow().name == "Утверждение дорожной карты"
    order = Order.objects.filter(live=True).order_by("date", "pk").first()
    if order is not None:
        assert Acknowledgement.objects.for_object(order).pending().exists()
    before = snapshot()
    call_command("load_demo_school", stdout=StringIO())
    assert snapshot() == before

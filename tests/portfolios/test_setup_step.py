"""``mentoring_setup`` gives the portfolio permissions, once, and only those."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from mentoring_wagtail.access.staff_roles import ROLES, get_role
from mentoring_wagtail.portfolios.setup_steps import (
    PHOTO_PERMISSIONS,
    ROLE_PERMISSIONS,
    get_photos_collection,
)
from mentoring_wagtail.setup.steps import run_setup

pytestmark = pytest.mark.django_db


def test_each_role_gets_exactly_its_portfolio_permissions(roles, mentor_index):
    for role in ROLES:
        group = Group.objects.get(name=role.name)
        granted = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
            if p.content_type.app_label == "mentoring_portfolios"
        }
        assert granted == set(ROLE_PERMISSIONS.get(role.key, ()))
        photos = set(
            GroupCollectionPermission.objects.filter(
                group=group, collection=get_photos_collection()
            ).values_list("permission__codename", flat=True)
        )
        assert photos == set(PHOTO_PERMISSIONS.get(role.key, ()))
    curator = Group.objects.get(name=get_role("curator").name)
    on_index = set(
        GroupPagePermission.objects.filter(
            group=curator, page=mentor_index
        ).values_list("permission__codename", flat=True)
    )
    assert {"change_page", "publish_page"} <= on_index
    mentors = Group.objects.get(name=get_role("mentor").name)
    assert not GroupPagePermission.objects.filter(group=mentors).exists()


def test_setup_twice_changes_nothing(roles, mentor_index, make_mentor, make_portfolio):
    make_portfolio(make_mentor("Смирнова", username="anna"))
    run_setup()
    again = run_setup()
    assert not any(result.created for result in again), [
        r.message for r in again if r.created
    ]

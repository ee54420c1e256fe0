import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from mentoring_wagtail.access.staff_roles import ROLES

pytestmark = pytest.mark.django_db


def run_setup():
    out = StringIO()
    call_command("mentoring_setup", stdout=out)
    return out.getvalue()


def snapshot():
    return (
        sorted(Group.objects.values_list("name", flat=True)),
        Group.objects.filter(permissions__isnull=False).values("permissions").count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Collection.objects.count(),
    )


def test_setup_creates_every_role_and_the_collection(mentoring_section):
    output = run_setup()
    for role in ROLES:
        assert Group.objects.filter(name=role.name).exists()
        assert role.name in output
    assert Collection.objects.filter(name="Наставничество").exists()
    director = Group.objects.get(name="Директор")
    assert GroupPagePermission.objects.filter(
        group=director, page=mentoring_section, permission__codename="publish_page"
    ).exists()


def test_second_run_changes_nothing_and_says_so(mentoring_section):
    run_setup()
    before = snapshot()
    output = run_setup()
    assert snapshot() == before
    summary = output.splitlines()[-1]
    assert re.search(r"\b0\b", summary), summary


def test_setup_leaves_the_sites_own_groups_alone():
    editors = Group.objects.create(name="Учителя начальных классов")
    permission = Permission.objects.get(codename="access_admin")
    editors.permissions.add(permission)
    run_setup()
    editors.refresh_from_db()
    assert list(editors.permissions.all()) == [permission]


def test_setup_completes_a_role_group_that_lost_a_permission():
    run_setup()
    curator = Group.objects.get(name="Куратор")
    access = Permission.objects.get(codename="access_admin")
    curator.permissions.remove(access)
    run_setup()
    assert curator.permissions.filter(pk=access.pk).exists()

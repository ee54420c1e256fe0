"""One school: setup keeps the plain role groups unless asked for groups per
site, and says when people are left in the plain groups once a second school
comes. These tests start from one school, not from the two schools
``test_site_roles.py`` builds once for its module."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from mentoring_wagtail.setup.steps import run_setup

from ..approvals_support import make_user
from .schools_support import add_school

pytestmark = pytest.mark.django_db


def test_one_school_keeps_the_plain_groups_unless_asked(mentoring_section):
    run_setup()
    assert Group.objects.filter(name="Директор").exists()
    site = mentoring_section.get_site()
    assert not Group.objects.filter(name__endswith=f"(сайт {site.pk})").exists()
    call_command("mentoring_setup", "--per-site", verbosity=0)
    assert Group.objects.filter(
        name=f"Директор — {site.site_name or site.hostname} (сайт {site.pk})"
    ).exists()


def test_setup_says_when_people_are_left_in_the_groups_of_every_site(
    mentoring_section,
):
    run_setup()
    make_user("director", "director")
    add_school("Школа № 2", "school-2", "school2.example")
    messages = [result.message for result in run_setup()]
    assert any("«Директор»" in message and "1" in message for message in messages)

"""The demo school loads on the database in use, twice without change."""

from io import StringIO

import pytest
from demo.school import DEMO_PASSWORD, DEMO_USERS
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from mentoring_wagtail.models import (
    MentoringIndexPage,
    OrganisationSettings,
    Regulation,
)

pytestmark = pytest.mark.django_db(transaction=True)


def load():
    out = StringIO()
    call_command("load_demo_school", stdout=out)
    return out.getvalue()


def counts():
    return (
        Page.objects.count(),
        get_user_model().objects.count(),
        Site.objects.count(),
    )


def test_demo_school_loads_and_reloads_unchanged(client):
    output = load()
    site = Site.objects.get(is_default_site=True)
    section = MentoringIndexPage.objects.get()
    assert section.live and section.get_parent().pk == site.root_page.pk
    assert OrganisationSettings.for_site(site).short_name == "МБОУ СШ № 7"
    for username in DEMO_USERS.values():
        assert username in output
    assert DEMO_PASSWORD in output
    # The files' text, read by the jobs after the command's commit (the
    # immediate backend), is searchable.
    assert Regulation.objects.filter(file_text__icontains="наставничеств").exists()

    before = counts()
    load()
    assert counts() == before

    assert client.get(section.url).status_code == 200
    assert client.login(username="curator", password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200

"""The fictional demo school, read from ``fixtures/demo_school.json``.

Every person there is invented. Each function looks up before it creates, so
loading twice changes nothing.
"""

import json
from functools import cache
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from home.models import HomePage
from wagtail.models import Page, Site

from mentoring_wagtail.access.staff_roles import get_role
from mentoring_wagtail.models import MentoringIndexPage, OrganisationSettings

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"


@cache
def school_data():
    return json.loads((FIXTURES_DIR / "demo_school.json").read_text(encoding="utf-8"))


DEMO_PASSWORD = school_data()["password"]
DEMO_USERS = {user["role"]: user["username"] for user in school_data()["users"]}


def ensure_home():
    data = school_data()["home"]
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(title=data["title"], slug=data["slug"], body=data["body"])
        )
    if site:
        site.root_page = home
        site.site_name = data["site_name"]
        site.save()
    else:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=data["site_name"],
        )
    # The placeholder page from Wagtail's initial migration is no longer needed.
    root.get_children().exclude(pk=home.pk).filter(slug="home").delete()
    return site


def ensure_section(site):
    section = MentoringIndexPage.objects.descendant_of(site.root_page).first()
    if section:
        return section
    return site.root_page.add_child(
        instance=MentoringIndexPage(**school_data()["section"])
    )


def ensure_organisation(site):
    organisation = OrganisationSettings.for_site(site)
    if not organisation.full_name:
        for field, value in school_data()["organisation"].items():
            setattr(organisation, field, value)
        organisation.save()
    return organisation


def ensure_users():
    User = get_user_model()
    users = {}
    for data in school_data()["users"]:
        user = User.objects.filter(username=data["username"]).first()
        if user is None:
            user = User.objects.create_user(
                username=data["username"],
                password=DEMO_PASSWORD,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=f"{data['username']}@school7.example",
            )
        user.groups.add(Group.objects.get(name=get_role(data["role"]).name))
        users[data["role"]] = user
    admin = school_data()["superuser"]
    if not User.objects.filter(username=admin["username"]).exists():
        User.objects.create_superuser(
            admin["username"],
            f"{admin['username']}@school7.example",
            DEMO_PASSWORD,
            first_name=admin["first_name"],
            last_name=admin["last_name"],
        )
    return users


def ensure_school():
    site = ensure_home()
    section = ensure_section(site)
    ensure_organisation(site)
    users = ensure_users()
    return site, section, users

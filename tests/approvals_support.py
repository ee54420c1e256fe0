"""Builders shared by the tests of roles, routes and familiarisation."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site

from mentoring_wagtail.access.site_roles import site_role_group
from mentoring_wagtail.access.staff_roles import ROLES, get_role
from mentoring_wagtail.setup.steps import run_setup

ROLE_KEYS = tuple(role.key for role in ROLES)


def role_group(role_key, site=None):
    """The role's group: the plain one, or with roles per site the group of
    ``site`` (by default the default site)."""
    role = get_role(role_key)
    if site is None or not role.per_site:
        plain = Group.objects.filter(name=role.name).first()
        if plain is not None:
            return plain
        site = Site.objects.get(is_default_site=True)
    return site_role_group(role, site.pk)


def make_user(username, role_key=None, site=None, **fields):
    User = get_user_model()
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@school.example",
            "first_name": fields.pop("first_name", username.title()),
            "last_name": fields.pop("last_name", "Тестова"),
            **fields,
        },
    )
    user.set_password("password")
    user.save()
    if role_key:
        user.groups.add(role_group(role_key, site))
    return user


def setup_roles(per_site=False):
    """Run ``mentoring_setup`` and give every role one user, keyed by role
    (with roles per site, a member of the default site's groups)."""
    run_setup(per_site=per_site)
    return {key: make_user(key, key) for key in ROLE_KEYS}


def login(client, user):
    client.force_login(user)
    return client


def denied(response):
    """403, or a redirect away from the object (to the login page or the dashboard)."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and "/edit/" not in response["Location"]

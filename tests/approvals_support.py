"""Builders shared by the tests of roles, routes and familiarisation."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from mentoring_wagtail.access.roles import ROLES, get_role
from mentoring_wagtail.access.setup import run_setup

ROLE_KEYS = tuple(role.key for role in ROLES)


def make_user(username, role_key=None, **fields):
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
        user.groups.add(Group.objects.get(name=get_role(role_key).name))
    return user


def setup_roles():
    """Run ``mentoring_setup`` and give every role one user, keyed by role."""
    run_setup()
    return {key: make_user(key, key) for key in ROLE_KEYS}


def login(client, user):
    client.force_login(user)
    return client


def denied(response):
    """403, or a redirect away from the object (to the login page or the dashboard)."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and "/edit/" not in response["Location"]

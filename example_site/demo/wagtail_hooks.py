"""The demo's answer to «whose names stay off the public site».

The demo's staff accounts: two are named publicly in their official capacity:
the director (head of the school, in the organisation's requisites, signing
every order) and the curator (appointed by a published order). A staff member
who is also a mentor with a consent to publication (the participants app)
appears on their portfolio. Every other name stays inside; the participants
app adds everyone else of its bases without that consent.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from wagtail import hooks

from mentoring_wagtail.public.nonpublic import NONPUBLIC_NAMES_HOOK

from .school import school_data

PUBLISHED_ROLES = {"director", "curator"}


@hooks.register(NONPUBLIC_NAMES_HOOK)
def demo_staff_names(site):
    data = school_data()
    staff = [
        user["username"]
        for user in data["users"]
        if user["role"] not in PUBLISHED_ROLES
    ]
    users = get_user_model().objects.filter(username__in=staff)
    if apps.is_installed("mentoring_wagtail.participants"):
        from mentoring_wagtail.participants.models import Person

        published = Person.objects.filter(site=site).with_publication_consent()
        users = users.exclude(mentoring_people__in=published)
    for user in users:
        yield f"{user.first_name} {user.last_name}"
        yield user.last_name
    admin = data["superuser"]
    yield f"{admin['first_name']} {admin['last_name']}"

"""The action menu and the server give the same answer about publishing.

The finding: with an object-level publish grant the edit view hid
«Опубликовать» (Wagtail's menu item asks the model permission) while a POST
with ``action-publish`` published. Both now ask the permission policy with
the object.
"""

import datetime

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm

from mentoring_wagtail.models import ProgrammeDocument

from ..approvals_support import make_user, setup_roles

pytestmark = pytest.mark.django_db
PREFIX = "wagtailsnippets_mentoring_wagtail_programmedocument"


@pytest.fixture
def documents(mentoring_section):
    setup_roles()
    site = mentoring_section.get_site()
    made = []
    for title in ("Протокол А", "Протокол Б"):
        obj = ProgrammeDocument(
            site=site,
            title=title,
            date=datetime.date.today() - datetime.timedelta(days=2),
            kind=ProgrammeDocument._meta.get_field("kind").default or "protocol",
            live=False,
        )
        obj.save()
        made.append(obj)
    return made


def form_data(obj):
    return {
        "title": obj.title,
        "date": obj.date.isoformat(),
        "kind": obj.kind,
        "action-publish": "1",
    }


def shows_publish(client, obj):
    text = client.get(reverse(f"{PREFIX}:edit", args=[obj.pk])).text
    return 'name="action-publish"' in text


def test_menu_and_server_agree_on_an_object_grant(client, documents):
    """Granted from a shell: the rule of who may grant is not the point here."""
    granted, other = documents
    # No route for programme documents in this test: publishing is direct.
    from wagtail.models import WorkflowContentType

    WorkflowContentType.objects.all().delete()
    user = make_user("teacher", "mentor")
    for action in ("view", "change", "publish"):
        assign_perm(f"mentoring_wagtail.{action}_programmedocument", user, granted)
    assign_perm("mentoring_wagtail.change_programmedocument", user, other)
    client.force_login(user)

    assert shows_publish(client, granted)
    client.post(reverse(f"{PREFIX}:edit", args=[granted.pk]), form_data(granted))
    granted.refresh_from_db()
    assert granted.live

    assert not shows_publish(client, other)
    client.post(reverse(f"{PREFIX}:edit", args=[other.pk]), form_data(other))
    other.refresh_from_db()
    assert not other.live

    # Unpublish follows the same grant.
    text = client.get(reverse(f"{PREFIX}:edit", args=[granted.pk])).text
    unpublish = reverse(f"{PREFIX}:unpublish", args=[granted.pk])
    assert unpublish in text
    client.post(unpublish)
    granted.refresh_from_db()
    assert not granted.live

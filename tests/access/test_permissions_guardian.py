"""Per-object rights on snippets through django-guardian.

A mentor given one regulation edits that one and no other; the listing,
the edit view, the inspect view and the sharing panel agree.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from guardian.shortcuts import assign_perm
from wagtail.models import ModelLogEntry

from mentoring_wagtail.access.permissions import get_policy
from mentoring_wagtail.models import Regulation

from ..approvals_support import denied, make_user
from ..documents_support import make_order
from ..module_state import built_once

pytestmark = pytest.mark.django_db
PREFIX = "wagtailsnippets_mentoring_wagtail_regulation"


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once()


@pytest.fixture
def regulations(mentoring_section):
    site = mentoring_section.get_site()
    date = datetime.date.today() - datetime.timedelta(days=10)
    mine = Regulation(
        site=site,
        title="Положение о наставничестве (черновик А)",
        date=date,
        live=False,
    )
    mine.save()
    other = Regulation(
        site=site, title="Положение о кураторе (черновик Б)", date=date, live=False
    )
    other.save()
    return mine, other


def test_mentor_edits_only_the_regulation_given_to_them(client, users, regulations):
    mine, other = regulations
    mentor = users["mentor"]
    assign_perm("mentoring_wagtail.change_regulation", mentor, mine)
    client.force_login(mentor)

    listing = client.get(reverse(f"{PREFIX}:list"))
    assert listing.status_code == 200
    assert "черновик А" in listing.text
    assert "черновик Б" not in listing.text

    assert client.get(reverse(f"{PREFIX}:edit", args=[mine.pk])).status_code == 200
    response = client.get(reverse(f"{PREFIX}:edit", args=[other.pk]))
    assert denied(response)
    assert "черновик Б" not in response.text
    assert denied(client.get(reverse(f"{PREFIX}:delete", args=[mine.pk])))
    assert denied(client.get(reverse(f"{PREFIX}:history", args=[other.pk])))
    # No publishing through an object grant of «change».
    edit = client.get(reverse(f"{PREFIX}:edit", args=[mine.pk]))
    assert 'name="action-publish"' not in edit.text


def test_a_second_mentor_sees_nothing_of_the_first_ones_draft(
    client, users, regulations
):
    mine, _other = regulations
    assign_perm("mentoring_wagtail.change_regulation", users["mentor"], mine)
    second = make_user("mentor2", "mentor")
    client.force_login(second)
    assert denied(client.get(reverse(f"{PREFIX}:list")))
    response = client.get(reverse(f"{PREFIX}:edit", args=[mine.pk]))
    assert denied(response)
    assert "черновик А" not in response.text
    assert denied(client.get(reverse(f"{PREFIX}:inspect", args=[mine.pk])))


def test_group_object_permission_gives_view_only(client, users, regulations):
    mine, other = regulations
    readers = Group.objects.create(name="Читатели положения")
    users["mentor"].groups.add(readers)
    assign_perm("mentoring_wagtail.view_regulation", readers, mine)
    client.force_login(users["mentor"])
    assert client.get(reverse(f"{PREFIX}:inspect", args=[mine.pk])).status_code == 200
    assert denied(client.get(reverse(f"{PREFIX}:inspect", args=[other.pk])))
    assert denied(client.get(reverse(f"{PREFIX}:edit", args=[mine.pk])))


def test_policy_answers_per_instance(users, regulations):
    mine, other = regulations
    policy = get_policy(Regulation)
    mentor = users["mentor"]
    assign_perm("mentoring_wagtail.change_regulation", mentor, mine)
    mentor = type(mentor).objects.get(pk=mentor.pk)  # fresh permission caches
    assert policy.user_has_permission(mentor, "change")
    assert not policy.user_has_model_permission(mentor, "change")
    assert policy.user_has_permission_for_instance(mentor, "change", mine)
    assert not policy.user_has_permission_for_instance(mentor, "change", other)
    assert list(policy.instances_user_has_permission_for(mentor, "change")) == [mine]
    assert mentor in policy.users_with_permission_for_instance("change", mine)
    assert mentor not in policy.users_with_permission_for_instance("change", other)
    assert users["secretary"] in policy.users_with_permission_for_instance(
        "change", other
    )


def test_sharing_panel_grants_and_revokes_with_history(
    client, users, mentoring_section
):
    order = make_order(site=mentoring_section.get_site(), live=False)
    url = reverse(
        "mentoring_sharing:object", args=["mentoring_wagtail", "order", order.pk]
    )
    client.force_login(users["secretary"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"user": users["mentor"].pk, "actions": ["view_order"]})
    assert response.status_code == 302
    mentor = type(users["mentor"]).objects.get(pk=users["mentor"].pk)
    assert mentor.has_perm("mentoring_wagtail.view_order", order)
    grant = ModelLogEntry.objects.get(
        object_id=str(order.pk), action="mentoring_wagtail.sharing.grant"
    )
    assert grant.user == users["secretary"]

    client.post(url, {"revoke": f"user:{mentor.pk}:view_order"})
    mentor = type(mentor).objects.get(pk=mentor.pk)
    assert not mentor.has_perm("mentoring_wagtail.view_order", order)
    assert ModelLogEntry.objects.filter(
        object_id=str(order.pk), action="mentoring_wagtail.sharing.revoke"
    ).exists()
    history = client.get(
        reverse("wagtailsnippets_mentoring_wagtail_order:history", args=[order.pk])
    )
    assert history.status_code == 200
    assert "mentor" in history.text.lower()


def test_object_rights_do_not_let_one_share_further(client, users, mentoring_section):
    order = make_order(site=mentoring_section.get_site(), live=False)
    assign_perm("mentoring_wagtail.change_order", users["mentor"], order)
    url = reverse(
        "mentoring_sharing:object", args=["mentoring_wagtail", "order", order.pk]
    )
    client.force_login(users["mentor"])
    assert denied(client.get(url))
    assert denied(
        client.post(url, {"user": users["mentor"].pk, "actions": ["delete_order"]})
    )
    mentor = type(users["mentor"]).objects.get(pk=users["mentor"].pk)
    assert not mentor.has_perm("mentoring_wagtail.delete_order", order)


def test_edit_view_offers_access_and_familiarisation_to_the_secretary(
    client, users, mentoring_section
):
    order = make_order(site=mentoring_section.get_site(), live=False)
    edit = reverse("wagtailsnippets_mentoring_wagtail_order:edit", args=[order.pk])
    sharing = reverse(
        "mentoring_sharing:object", args=["mentoring_wagtail", "order", order.pk]
    )
    familiarisation = reverse(
        "mentoring_familiarisation:object",
        args=["mentoring_wagtail", "order", order.pk],
    )
    client.force_login(users["secretary"])
    text = client.get(edit).text
    assert sharing in text and familiarisation in text
    client.force_login(users["curator"])
    listing = client.get(reverse("wagtailsnippets_mentoring_wagtail_order:list")).text
    assert sharing not in listing
    assert familiarisation in listing


def test_lock_follows_the_object_grant(client, users, regulations):
    mine, other = regulations
    mentor = users["mentor"]
    assign_perm("mentoring_wagtail.change_regulation", mentor, mine)
    assign_perm("mentoring_wagtail.lock_regulation", mentor, mine)
    client.force_login(mentor)
    client.post(reverse(f"{PREFIX}:lock", args=[other.pk]))
    other.refresh_from_db()
    assert not other.locked
    client.post(reverse(f"{PREFIX}:lock", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.locked and mine.locked_by == mentor


def test_ownership_rule_of_the_policy():
    """A user who may add edits what they own (here: documents they uploaded)."""
    from django.contrib.auth.models import Permission
    from wagtail.documents import get_document_model

    from mentoring_wagtail.access.permissions import GuardianPermissionPolicy

    Document = get_document_model()
    policy = GuardianPermissionPolicy(Document, owner_field_name="uploaded_by_user")
    uploader = make_user("uploader")
    uploader.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtaildocs", codename="add_document"
        )
    )
    uploader = type(uploader).objects.get(pk=uploader.pk)
    stranger = make_user("stranger2")
    own = Document.objects.create(title="Моё", uploaded_by_user=uploader)
    foreign = Document.objects.create(title="Чужое", uploaded_by_user=stranger)
    assert policy.user_has_permission_for_instance(uploader, "change", own)
    assert not policy.user_has_permission_for_instance(uploader, "change", foreign)
    assert list(policy.instances_user_has_permission_for(uploader, "change")) == [own]
    assert not policy.user_has_permission(stranger, "change")


def test_chooser_lists_and_returns_only_permitted_objects(client, users, regulations):
    mine, other = regulations
    assign_perm("mentoring_wagtail.view_regulation", users["mentor"], mine)
    client.force_login(users["mentor"])
    choose = reverse("wagtailsnippetchoosers_mentoring_wagtail_regulation:choose")
    text = client.get(choose).json()["html"]
    assert "черновик А" in text and "черновик Б" not in text
    chosen = "wagtailsnippetchoosers_mentoring_wagtail_regulation:chosen"
    assert client.get(reverse(chosen, args=[mine.pk])).status_code == 200
    response = client.get(reverse(chosen, args=[other.pk]))
    assert denied(response) and "черновик Б" not in response.text
    # A role with the model permission sees every regulation.
    client.force_login(users["methodologist"])
    text = client.get(choose).json()["html"]
    assert "черновик А" in text and "черновик Б" in text

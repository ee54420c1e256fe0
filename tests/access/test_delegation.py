"""The sharing rule: nobody grants more than their role, nor to themselves.

The findings of issue 9 on the demo school: the secretary gave herself delete
and removed an order, gave herself publish and unpublished a signed order; a
curator gave herself publish and published a regulation with no director
step. Each is tried through the form and by a forged POST.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from guardian.shortcuts import assign_perm
from wagtail.models import ModelLogEntry

from mentoring_wagtail.access.staff_roles import ROLES
from mentoring_wagtail.models import Order, Regulation

from ..approvals_support import denied, make_user
from ..documents_support import make_order, publish_obj
from ..module_state import built_once

pytestmark = pytest.mark.django_db


# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once()


@pytest.fixture
def order(mentoring_section):
    return make_order(site=mentoring_section.get_site(), number="12-о")


@pytest.fixture
def regulation(mentoring_section):
    obj = Regulation(
        site=mentoring_section.get_site(),
        title="Положение о наставничестве",
        date=datetime.date.today() - datetime.timedelta(days=5),
        live=False,
    )
    obj.save()
    return obj


def sharing_url(obj):
    meta = obj._meta
    return reverse(
        "mentoring_sharing:object", args=[meta.app_label, meta.model_name, obj.pk]
    )


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def holds(user, codename, obj):
    return fresh(user).has_perm(f"mentoring_wagtail.{codename}", obj)


@pytest.mark.parametrize("right", ["delete_order", "publish_order", "change_order"])
def test_secretary_grants_herself_nothing(client, users, order, right):
    secretary = users["secretary"]
    client.force_login(secretary)
    form = client.get(sharing_url(order)).text
    assert f">{secretary.get_full_name()}</option>" not in form  # not offered
    assert f">{users['mentor'].get_full_name()}</option>" in form
    response = client.post(
        sharing_url(order), {"user": secretary.pk, "actions": [right]}
    )
    assert response.status_code in (200, 302)
    assert not holds(secretary, right, order)
    # Nor through a group she belongs to.
    own_group = Group.objects.get(name="Секретарь")
    client.post(sharing_url(order), {"group": own_group.pk, "actions": [right]})
    assert not holds(secretary, right, order)


@pytest.mark.parametrize("right", ["delete_order", "publish_order"])
def test_publish_and_delete_are_never_passed_on(client, users, order, right):
    client.force_login(users["secretary"])
    form = client.get(sharing_url(order)).text
    assert f'value="{right}"' not in form
    client.post(sharing_url(order), {"user": users["mentor"].pk, "actions": [right]})
    assert not holds(users["mentor"], right, order)


def test_secretary_cannot_delete_or_unpublish_a_signed_order(client, users, order):
    publish_obj(order)
    secretary = users["secretary"]
    client.force_login(secretary)
    url = sharing_url(order)
    client.post(
        url, {"user": secretary.pk, "actions": ["delete_order", "publish_order"]}
    )
    prefix = "wagtailsnippets_mentoring_wagtail_order"
    client.post(reverse(f"{prefix}:delete", args=[order.pk]))
    client.post(reverse(f"{prefix}:unpublish", args=[order.pk]))
    order.refresh_from_db()
    assert Order.objects.filter(pk=order.pk).exists() and order.live


def test_curator_cannot_publish_a_regulation_past_the_director(
    client, users, regulation
):
    curator = users["curator"]
    client.force_login(curator)
    client.post(
        sharing_url(regulation), {"user": curator.pk, "actions": ["publish_regulation"]}
    )
    assert not holds(curator, "publish_regulation", regulation)
    edit = reverse(
        "wagtailsnippets_mentoring_wagtail_regulation:edit", args=[regulation.pk]
    )
    client.post(edit, {"title": "Положение", "action-publish": "1"})
    regulation.refresh_from_db()
    assert not regulation.live


def test_curator_passes_on_only_what_her_role_holds(client, users, regulation):
    client.force_login(users["curator"])
    text = client.get(sharing_url(regulation)).text
    assert 'value="view_regulation"' in text and 'value="change_regulation"' in text
    assert 'value="publish_regulation"' not in text
    response = client.post(
        sharing_url(regulation),
        {"user": users["mentor"].pk, "actions": ["change_regulation"]},
    )
    assert response.status_code == 302
    assert holds(users["mentor"], "change_regulation", regulation)


def test_an_object_grant_is_not_passed_on(client, users, regulation):
    assign_perm("mentoring_wagtail.change_regulation", users["mentor"], regulation)
    client.force_login(users["mentor"])
    second = make_user("mentor2", "mentor")
    response = client.post(
        sharing_url(regulation), {"user": second.pk, "actions": ["change_regulation"]}
    )
    assert denied(response)
    assert not holds(second, "change_regulation", regulation)


def test_revoking_follows_the_same_rule(client, users, order, regulation):
    assign_perm("mentoring_wagtail.view_order", users["mentor"], order)
    assign_perm(
        "mentoring_wagtail.publish_regulation", users["methodologist"], regulation
    )
    revoke = f"user:{users['mentor'].pk}:view_order"
    # The curator holds no change on orders: she cannot take the right back.
    client.force_login(users["curator"])
    assert denied(client.post(sharing_url(order), {"revoke": revoke}))
    assert holds(users["mentor"], "view_order", order)
    # A publish grant made before the rule: only who publishes by role revokes it.
    client.post(
        sharing_url(regulation),
        {"revoke": f"user:{users['methodologist'].pk}:publish_regulation"},
    )
    assert holds(users["methodologist"], "publish_regulation", regulation)
    client.force_login(users["director"])
    client.post(
        sharing_url(regulation),
        {"revoke": f"user:{users['methodologist'].pk}:publish_regulation"},
    )
    assert not holds(users["methodologist"], "publish_regulation", regulation)
    # The secretary, who may grant view on orders, may revoke it.
    client.force_login(users["secretary"])
    assert client.post(sharing_url(order), {"revoke": revoke}).status_code == 302
    assert not holds(users["mentor"], "view_order", order)


def test_groups_offered_are_the_staff_roles_only(client, users, order):
    from mentoring_wagtail.access.permissions import make_responsible_for_page

    make_responsible_for_page(users["curator"], order.site.root_page)
    role_names = {role.name for role in ROLES}
    client.force_login(users["secretary"])
    text = client.get(sharing_url(order)).text
    others = Group.objects.exclude(name__in=role_names)
    assert {"Editors", "Moderators"} <= set(others.values_list("name", flat=True))
    assert others.filter(name__startswith="mentoring-page-").exists()
    for group in others:
        assert f">{group.name}</option>" not in text
    assert ">Директор</option>" in text
    editors = Group.objects.get(name="Editors")
    client.post(sharing_url(order), {"group": editors.pk, "actions": ["view_order"]})
    from guardian.shortcuts import get_groups_with_perms

    assert editors not in get_groups_with_perms(order)
    familiarisation = client.get(
        reverse(
            "mentoring_familiarisation:object",
            args=["mentoring_wagtail", "order", order.pk],
        )
    ).text
    for group in others:
        assert group.name not in familiarisation
    assert "Секретарь" in familiarisation


def test_every_grant_is_logged_wherever_it_is_made(users, regulation):
    """A grant from a shell or a loader, not only from the view, is in the log."""
    assign_perm("mentoring_wagtail.view_regulation", users["mentor"], regulation)
    readers = Group.objects.get(name="Методист")
    assign_perm("mentoring_wagtail.change_regulation", readers, regulation)
    from guardian.shortcuts import remove_perm

    remove_perm("mentoring_wagtail.view_regulation", users["mentor"], regulation)
    entries = ModelLogEntry.objects.filter(object_id=str(regulation.pk))
    grants = entries.filter(action="mentoring_wagtail.sharing.grant")
    assert grants.count() == 2
    assert {entry.data["whom"] for entry in grants} == {
        users["mentor"].get_full_name(),
        "Методист",
    }
    assert entries.filter(action="mentoring_wagtail.sharing.revoke").count() == 1


def test_grants_in_the_view_are_logged_with_who_made_them(client, users, order):
    client.force_login(users["secretary"])
    client.post(
        sharing_url(order), {"user": users["mentor"].pk, "actions": ["view_order"]}
    )
    entry = ModelLogEntry.objects.get(
        object_id=str(order.pk), action="mentoring_wagtail.sharing.grant"
    )
    assert entry.user == users["secretary"]
    assert entry.data["whom"] == users["mentor"].get_full_name()


def test_demo_loader_grants_are_logged(users, mentoring_section, regulation):
    from wagtail.models import PageLogEntry

    from mentoring_wagtail.models import RoadmapPage

    roadmap = mentoring_section.add_child(
        instance=RoadmapPage(title="Карта", slug="karta")
    )
    from demo.loaders import workflows

    workflows.load(mentoring_section.get_site(), mentoring_section, users)
    assert PageLogEntry.objects.filter(
        page=roadmap, action="mentoring_wagtail.sharing.grant"
    ).exists()
    assert ModelLogEntry.objects.filter(
        object_id=str(regulation.pk), action="mentoring_wagtail.sharing.grant"
    ).exists()

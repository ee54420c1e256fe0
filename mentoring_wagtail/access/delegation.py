"""The sharing rule (as in Plone's Sharing tab): who may pass which right on.

On an object a person may grant only a right that

- they hold on it **through their role** (a model permission: a right received
  on one object is not passed on further),
- their role may pass on at all: they manage records of that type (``change``
  for the model), and the right is one of ``DELEGABLE_ACTIONS``;

and never to themselves, nor to a group they belong to. Publishing (signing)
and deleting are never delegated: they stay with the role that holds them by
default. Revoking follows the same rule. Groups are the site's staff groups
(the package's roles), never Wagtail's default groups nor per-page groups.

Every caller (the «Доступ» view, the demo loader, a shell) grants through
:func:`grant_object_right` / :func:`grant_page` or guardian directly; the audit
log is written where the rows are written (``access.audit``), so no path
escapes it.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm
from wagtail.models import Page

from .permissions import (
    get_policy,
    make_responsible_for_page,
    remove_responsible_for_page,
)
from .site_roles import role_groups_for_site, site_id_of

# Rights an object grant may carry. «publish» (signing) and «delete» stay
# with the roles that hold them by default.
DELEGABLE_ACTIONS = ("view", "change")
NEVER_DELEGATED = ("publish", "delete")


def role_groups(obj=None):
    """The staff groups of ``obj``'s site: the package's roles, nothing else.

    Per-site roles (``site_roles``): the groups of the object's own site.
    """
    site_id = site_id_of(obj) if obj is not None else None
    return role_groups_for_site(site_id).order_by("name")


def _active(user):
    return bool(user and user.is_authenticated and user.is_active)


def holds_by_role(user, action, obj):
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    policy = get_policy(type(obj))
    # A per-site role holds the right on its own site's records only.
    return hasattr(policy, "user_has_role_permission_for_instance") and (
        policy.user_has_role_permission_for_instance(user, [action], obj)
    )


def grantable_actions(user, obj):
    """The actions ``user`` may grant to others on ``obj``, in display order."""
    if not holds_by_role(user, "change", obj):
        return []
    return [a for a in DELEGABLE_ACTIONS if holds_by_role(user, a, obj)]


def revocable_actions(user, obj):
    """Revoking follows granting; a publish/delete grant made before this
    rule existed may be taken back by whoever holds that right by role."""
    if not holds_by_role(user, "change", obj):
        return []
    actions = list(grantable_actions(user, obj))
    actions += [a for a in NEVER_DELEGATED if holds_by_role(user, a, obj)]
    return actions


def is_self(user, holder):
    """A grant to oneself, or to a group one belongs to."""
    if isinstance(holder, Group):
        return holder.user_set.filter(pk=user.pk).exists()
    return holder.pk == user.pk


def _check_holder(user, holder, obj):
    if is_self(user, holder):
        raise PermissionDenied(_("Nobody grants rights to themselves."))
    if isinstance(holder, Group) and not role_groups(obj).filter(pk=holder.pk).exists():
        raise PermissionDenied(_("Rights are given to staff roles only."))


def action_of(codename):
    return codename.rsplit("_", 1)[0]


def grant_object_right(user, holder, obj, action):
    """Give ``holder`` (a user or a role group) ``action`` on ``obj``."""
    if action not in grantable_actions(user, obj):
        raise PermissionDenied(_("You may not grant this right."))
    _check_holder(user, holder, obj)
    meta = obj._meta
    assign_perm(f"{meta.app_label}.{action}_{meta.model_name}", holder, obj)


def revoke_object_right(user, holder, obj, action):
    if action not in revocable_actions(user, obj):
        raise PermissionDenied(_("You may not revoke this right."))
    if is_self(user, holder):
        raise PermissionDenied(_("Nobody changes their own rights."))
    meta = obj._meta
    remove_perm(f"{meta.app_label}.{action}_{meta.model_name}", holder, obj)


# Pages -------------------------------------------------------------------


def may_share_page(user, page):
    """Who publishes a page may make someone responsible for editing it."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    perms = page.permissions_for_user(user)
    # The responsible group gets add/change/view on the page: the granter
    # must hold those through a role that also publishes there.
    held = getattr(perms, "permissions", set())
    return perms.can_publish() and {"add", "change", "view"} <= held


def grant_page(user, holder, page):
    if not may_share_page(user, page):
        raise PermissionDenied(_("You may not share this page."))
    if isinstance(holder, Group) or is_self(user, holder):
        raise PermissionDenied(_("Nobody grants rights to themselves."))
    return make_responsible_for_page(holder, page)


def revoke_page(user, holder, page):
    if not may_share_page(user, page) or is_self(user, holder):
        raise PermissionDenied(_("You may not revoke this right."))
    remove_responsible_for_page(holder, page)


def may_share(user, obj):
    if isinstance(obj, Page):
        return may_share_page(user, obj)
    return bool(grantable_actions(user, obj))

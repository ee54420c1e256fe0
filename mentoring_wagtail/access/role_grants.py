"""The permissions an optional app adds to the programme's roles, granted.

The core's roles (``roles``) know nothing of the optional apps. Each app names
what its models add to a role, ``{role key: ("app_label.codename", …)}``, and
its setup step grants it here to every group of the role (the plain one, or
one per site): one loop for every app, adding only what a group lacks, so a
second run adds nothing and says so.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.models import Group, Permission

from .site_roles import each_role_group

# Inside ``permissions_read_once()`` (a setup run): every permission by its
# label, and every group's permissions, each read in one query when first
# asked; setup asks for thousands with fifty schools' roles.
_reading = ContextVar("mentoring_permissions_read_once", default=None)


@contextmanager
def permissions_read_once():
    """Within it, ``get_permission`` reads the permissions table once and
    ``add_missing_permissions`` every group's permissions once."""
    if _reading.get() is not None:
        yield
        return
    token = _reading.set({"permissions": {}, "groups": None})
    try:
        yield
    finally:
        _reading.reset(token)


def get_permission(label):
    """The permission ``"app_label.codename"``; ``LookupError`` before migrate."""
    reading = _reading.get()
    if reading is not None:
        known = reading["permissions"]
        if not known:
            rows = Permission.objects.select_related("content_type")
            known.update(
                (f"{row.content_type.app_label}.{row.codename}", row) for row in rows
            )
        if label in known:
            return known[label]
    app_label, codename = label.split(".", 1)
    try:
        return Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )
    except Permission.DoesNotExist as exc:
        raise LookupError(f"Permission {label} does not exist; run migrate.") from exc


def _permissions_of(group):
    """The ids of ``group``'s permissions (a set kept for the run, if reading once)."""
    reading = _reading.get()
    if reading is None:
        return set(group.permissions.values_list("pk", flat=True))
    if reading["groups"] is None:
        reading["groups"] = groups = {}
        for group_id, permission_id in Group.permissions.through.objects.values_list(
            "group_id", "permission_id"
        ):
            groups.setdefault(group_id, set()).add(permission_id)
        reading["groups"].setdefault(group.pk, set())
    if group.pk not in reading["groups"]:  # a group made since
        reading["groups"][group.pk] = set(
            group.permissions.values_list("pk", flat=True)
        )
    return reading["groups"][group.pk]


def add_missing_permissions(group, labels):
    """Give ``group`` those of ``labels`` it lacks; return how many were added."""
    have = _permissions_of(group)
    missing = {p.pk: p for p in map(get_permission, labels) if p.pk not in have}
    # One insert (``permissions.add`` would read them again first).
    Group.permissions.through.objects.bulk_create(
        [
            Group.permissions.through(group_id=group.pk, permission_id=pk)
            for pk in missing
        ]
    )
    have.update(missing)
    return len(missing)


def add_missing_rows(model, group, target, objects, permissions):
    """Give ``group`` a ``model`` row (``GroupPagePermission``,
    ``GroupCollectionPermission``) for each of ``permissions`` on each of
    ``objects`` (its ``target`` field: "page", "collection") that it lacks:
    one query to read them, one to add; return how many were added."""
    wanted = {(obj.pk, perm.pk) for obj in objects for perm in permissions}
    if not wanted:
        return 0
    have = set(
        model.objects.filter(
            group=group,
            **{f"{target}__in": [obj.pk for obj in objects]},
            permission__in=[perm.pk for perm in permissions],
        ).values_list(f"{target}_id", "permission_id")
    )
    missing = sorted(wanted - have)
    model.objects.bulk_create(
        [
            model(group=group, **{f"{target}_id": obj_id}, permission_id=perm_id)
            for obj_id, perm_id in missing
        ]
    )
    return len(missing)


def grant_role_permissions(role_permissions, keys=None):
    """``(key, group, added)`` for every group of the roles ``keys`` (default:
    those of ``role_permissions``), each given its role's permissions."""
    for key, group in each_role_group(role_permissions if keys is None else keys):
        added = add_missing_permissions(group, role_permissions.get(key, ()))
        yield key, group, added

"""The permissions an optional app adds to the programme's roles, granted.

The core's roles (``roles``) know nothing of the optional apps. Each app names
what its models add to a role, ``{role key: ("app_label.codename", …)}``, and
its setup step grants it here to every group of the role (the plain one, or
one per site): one loop for every app, adding only what a group lacks, so a
second run adds nothing and says so.
"""

from django.contrib.auth.models import Permission

from .site_roles import each_role_group


def get_permission(label):
    """The permission ``"app_label.codename"``; ``LookupError`` before migrate."""
    app_label, codename = label.split(".", 1)
    try:
        return Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )
    except Permission.DoesNotExist as exc:
        raise LookupError(f"Permission {label} does not exist; run migrate.") from exc


def add_missing_permissions(group, labels):
    """Give ``group`` those of ``labels`` it lacks; return how many were added."""
    have = set(group.permissions.values_list("pk", flat=True))
    missing = [p for p in map(get_permission, labels) if p.pk not in have]
    group.permissions.add(*missing)
    return len(missing)


def grant_role_permissions(role_permissions, keys=None):
    """``(key, group, added)`` for every group of the roles ``keys`` (default:
    those of ``role_permissions``), each given its role's permissions."""
    for key, group in each_role_group(role_permissions if keys is None else keys):
        added = add_missing_permissions(group, role_permissions.get(key, ()))
        yield key, group, added

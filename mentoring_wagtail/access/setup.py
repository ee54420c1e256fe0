"""The steps of ``manage.py mentoring_setup``.

Each step is idempotent and yields ``SetupResult`` lines saying what it
created and what it found already there, so running setup twice changes
nothing and says so.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from ..approvals.routes import ensure_default_workflows
from ..conf import get_setting
from ..models import MentoringIndexPage
from .roles import ROLES
from .setup_result import SetupResult


def get_permission(label):
    app_label, codename = label.split(".", 1)
    try:
        return Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )
    except Permission.DoesNotExist as exc:
        raise LookupError(f"Permission {label} does not exist; run migrate.") from exc


def get_page_permission(codename):
    return get_permission(f"wagtailcore.{codename}")


def get_document_permission(codename):
    return get_permission(f"wagtaildocs.{codename}")


def ensure_documents_collection():
    name = get_setting("DOCUMENTS_COLLECTION_NAME")
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    if existing:
        yield SetupResult(False, _("Collection «%(name)s» found.") % {"name": name})
        return
    root.add_child(name=name)
    yield SetupResult(True, _("Collection «%(name)s» created.") % {"name": name})


def get_documents_collection():
    root = Collection.get_first_root_node()
    return root.get_children().get(name=get_setting("DOCUMENTS_COLLECTION_NAME"))


def ensure_role_groups():
    collection = get_documents_collection()
    sections = list(MentoringIndexPage.objects.all())
    for role in ROLES:
        group, created = Group.objects.get_or_create(name=role.name)
        added = 0
        for label in role.permissions:
            permission = get_permission(label)
            if not group.permissions.filter(pk=permission.pk).exists():
                group.permissions.add(permission)
                added += 1
        for codename in role.page_permissions:
            permission = get_page_permission(codename)
            for section in sections:
                _obj, was_added = GroupPagePermission.objects.get_or_create(
                    group=group, page=section, permission=permission
                )
                added += was_added
        for codename in role.collection_permissions:
            _obj, was_added = GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=get_document_permission(codename),
            )
            added += was_added
        if created:
            message = _("Group «%(name)s» created.")
        elif added:
            message = ngettext(
                "Group «%(name)s» found; %(count)d missing permission added.",
                "Group «%(name)s» found; %(count)d missing permissions added.",
                added,
            )
        else:
            message = _("Group «%(name)s» found.")
        yield SetupResult(
            created or bool(added), message % {"name": role.name, "count": added}
        )


SETUP_STEPS = [
    ensure_documents_collection,
    ensure_role_groups,
    ensure_default_workflows,
]


def run_setup():
    """Run every step in one transaction; return the list of results."""
    results = []
    with transaction.atomic():
        for step in SETUP_STEPS:
            results.extend(step())
    return results

"""The steps of ``manage.py mentoring_setup``.

Each step is idempotent and yields ``SetupResult`` lines saying what it
created and what it found already there, so running setup twice changes
nothing and says so.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.documents import get_document_model
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Site

from ..access import site_roles
from ..access.role_grants import (
    add_missing_permissions,
    add_missing_rows,
    get_permission,
    permissions_read_once,
)
from ..access.site_scope import unplaced_rows
from ..access.staff_roles import ROLES
from ..approvals.routes import ensure_default_workflows
from ..section.models import MentoringIndexPage
from ..setup_result import SetupResult
from .collections import (
    ensure_documents_collection,
    ensure_site_child_collection,
    get_documents_collection,
)
from .signature_regulation import ensure_simple_signature_regulation


def get_page_permission(codename):
    return get_permission(f"wagtailcore.{codename}")


def get_document_permission(codename):
    return get_permission(f"wagtaildocs.{codename}")


def _grant_role(group, role, sections, collection):
    """Give ``group`` what ``role`` holds; return how many rows were added."""
    added = add_missing_permissions(group, role.permissions)
    added += add_missing_rows(
        GroupPagePermission,
        group,
        "page",
        sections,
        [get_page_permission(codename) for codename in role.page_permissions],
    )
    added += add_missing_rows(
        GroupCollectionPermission,
        group,
        "collection",
        [collection],
        [get_document_permission(c) for c in role.collection_permissions],
    )
    return added


def _group_result(name, created, added):
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
    return SetupResult(created or bool(added), message % {"name": name, "count": added})


def ensure_role_groups():
    """One group per role; per site once the installation serves several."""
    if site_roles.per_site_mode():
        yield from ensure_site_role_groups()
        return
    collection = get_documents_collection()
    sections = list(MentoringIndexPage.objects.all())
    for role in ROLES:
        group, created = Group.objects.get_or_create(name=role.name)
        added = _grant_role(group, role, sections, collection)
        yield _group_result(role.name, created, added)


def ensure_site_roles(site):
    """The role groups of one site, with rights on that site's section and
    its own documents collection only.

    The shared documents collection holds every school's files (inside it,
    collections inherit its rights): a school's groups hold no right on it,
    and setup withdraws one an earlier version gave.
    """
    shared = get_documents_collection()
    collection, made = ensure_site_child_collection(shared, site)
    if made:
        yield SetupResult(
            True, _("Collection «%(name)s» created.") % {"name": collection.name}
        )
    sections = list(
        MentoringIndexPage.objects.filter(path__startswith=site.root_page.path)
    )
    for role in ROLES:
        if not role.per_site:
            continue
        name = site_roles.site_role_group_name(role, site)
        group = site_roles.site_role_group(role, site.pk)
        created = group is None
        if created:
            group = Group.objects.create(name=name)
        elif group.name != name:
            group.name = name  # the site was renamed; its key is its id
            group.save(update_fields=["name"])
        added = _grant_role(group, role, sections, collection)
        yield _group_result(name, created, added)
        withdrawn, _rows = GroupCollectionPermission.objects.filter(
            group=group, collection=shared
        ).delete()
        if withdrawn:
            yield SetupResult(
                True,
                _(
                    "Group «%(name)s»: rights on the shared collection «%(shared)s» "
                    "withdrawn; it keeps them on «%(own)s»."
                )
                % {"name": name, "shared": shared.name, "own": collection.name},
            )


def ensure_site_role_groups():
    sites = site_roles.sites_with_sections() or list(
        Site.objects.select_related("root_page").order_by("pk")
    )
    for site in sites:
        yield from ensure_site_roles(site)
    yield from ensure_installation_roles()
    yield from report_files_of_no_school()
    # The plain groups cover every site: say so while people are in them.
    for role in ROLES:
        if not role.per_site:
            continue
        group = Group.objects.filter(name=role.name).first()
        count = group.user_set.count() if group else 0
        if count:
            yield SetupResult(
                False,
                ngettext(
                    "Group «%(name)s» covers every site and has %(count)d member: "
                    "move them to the group of their site.",
                    "Group «%(name)s» covers every site and has %(count)d members: "
                    "move them to the groups of their site.",
                    count,
                )
                % {"name": role.name, "count": count},
            )


def report_files_of_no_school():
    """Files in the shared documents collection outside every school's own:
    no school's staff reach them (an earlier version put them there)."""
    shared = get_documents_collection()
    files = get_document_model().objects.filter(
        collection__path__startswith=shared.path
    )
    for collection in shared.get_children():
        if site_roles.site_id_of_name(collection.name) is not None:
            files = files.exclude(collection__path__startswith=collection.path)
    count = files.count()
    if count:
        yield SetupResult(
            False,
            ngettext(
                "%(count)d file in «%(name)s» belongs to no school's collection: "
                "no school's staff can reach it; move it into its school's collection.",
                "%(count)d files in «%(name)s» belong to no school's collection: "
                "no school's staff can reach them; move each into its school's "
                "collection.",
                count,
            )
            % {"count": count, "name": shared.name},
        )


def ensure_installation_roles():
    """The roles kept as one group for every site (a regional reader)."""
    collection = get_documents_collection()
    sections = list(MentoringIndexPage.objects.all())
    for role in ROLES:
        if role.per_site:
            continue
        group, created = Group.objects.get_or_create(name=role.name)
        added = _grant_role(group, role, sections, collection)
        yield _group_result(role.name, created, added)


def report_unplaced_rows():
    """Rows no school can be found for (``site_scope``): named, never guessed."""

    for model, count in unplaced_rows():
        yield SetupResult(
            False,
            _(
                "%(model)s: %(count)s row(s) belong to no site (outside every "
                "site's tree, or pointing at such a page); per-site roles do not "
                "see them. Move them under a site or delete them."
            )
            % {"model": model._meta.verbose_name_plural, "count": count},
        )


SETUP_STEPS = [
    ensure_documents_collection,
    ensure_role_groups,
    ensure_default_workflows,
    ensure_simple_signature_regulation,
    report_unplaced_rows,
]


def run_setup(per_site=False):
    """Run every step in one transaction; return the list of results.

    ``per_site``: keep the roles per site even with one site (``site_roles``);
    once made, the per-site groups keep the installation in that mode.
    """
    results = []
    with transaction.atomic(), permissions_read_once():
        for step in SETUP_STEPS:
            if per_site and step is ensure_role_groups:
                step = ensure_site_role_groups
            results.extend(step())
    return results

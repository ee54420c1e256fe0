"""A «Наставничество» section gets the roles' page permissions when created.

``mentoring_setup`` grants each role its permissions on the sections that
exist when it runs. A section added later (a second school, a moved
programme) gets them at once through ``post_save``, with no second run of
setup: once the installation keeps its roles per site (``site_roles``), the
section's own site gets its role groups and approval routes, and no other
site's group gains anything. Nothing happens before setup has created the
role groups.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from wagtail.models import GroupPagePermission

from ..access import site_roles
from ..access.role_grants import permissions_read_once
from ..access.staff_roles import ROLES
from ..approvals.routes import ensure_site_workflows
from ..section.models import MentoringIndexPageMixin
from .steps import ensure_site_roles


def setup_has_run():
    names = [role.name for role in ROLES]
    return (
        Group.objects.filter(name__in=names).exists()
        or site_roles.has_site_role_groups()
    )


def grant_site_roles(section):
    """The section's site gets its role groups, rights and routes."""
    site = section.get_site()
    if site is None:
        return 0
    with permissions_read_once():
        results = [*ensure_site_roles(site), *ensure_site_workflows(site)]
    return sum(result.created for result in results)


def grant_role_page_permissions(section):
    """Give the role groups their page permissions on ``section``."""
    if not setup_has_run():
        return 0
    if site_roles.per_site_mode():
        return grant_site_roles(section)
    groups = {
        group.name: group
        for group in Group.objects.filter(name__in=[role.name for role in ROLES])
    }
    codenames = {c for role in ROLES for c in role.page_permissions}
    permissions = {
        permission.codename: permission
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        )
    }
    added = 0
    for role in ROLES:
        group = groups.get(role.name)
        if group is None:
            continue
        for codename in role.page_permissions:
            _row, created = GroupPagePermission.objects.get_or_create(
                group=group, page=section, permission=permissions[codename]
            )
            added += created
    return added


def section_created(sender, instance, created, raw=False, **kwargs):
    """``post_save`` receiver for pages."""
    if created and not raw and isinstance(instance, MentoringIndexPageMixin):
        grant_role_page_permissions(instance)


def connect_signals():
    post_save.connect(section_created, dispatch_uid="mentoring-section-role-rights")

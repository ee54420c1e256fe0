"""Roles per site, for an installation that serves several schools.

A single-site installation has one group per role («Директор»). When more
than one site has a «Наставничество» section (or setup is asked with
``--per-site``), each such site gets its own groups: «Директор — Школа № 2
(сайт 3)». The trailing «(сайт N)» is the key, the site's id, like the
page groups of ``permissions.page_local_group_name``: renaming the site keeps
its groups (setup refreshes the readable part). A group without that mark
covers every site.

The permission policy (``permissions.GuardianPermissionPolicy``) reads the
mark to confine a record with a ``site`` to the sites whose groups grant the
right; page rights are confined by the groups' ``GroupPagePermission`` rows
on their site's section only.
"""

import re

from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import Site

from .staff_roles import ROLES, get_role

_SITE_MARK = re.compile(r" \(сайт (\d+)\)$")
_SEPARATOR = " — "


def site_label(site):
    return site.site_name or site.hostname


def site_mark(site_id):
    return f"(сайт {site_id})"


def site_role_group_name(role, site):
    return f"{role.name}{_SEPARATOR}{site_label(site)} {site_mark(site.pk)}"


def site_id_of_name(name):
    """The site id a per-site group (or workflow, task) is for, else None."""
    match = _SITE_MARK.search(name or "")
    return int(match.group(1)) if match else None


def role_of_group_name(name):
    """The role key of a role group, plain or per site; None for other groups."""
    for role in ROLES:
        if name == role.name:
            return role.key
        if name.startswith(role.name + _SEPARATOR) and site_id_of_name(name):
            return role.key
    return None


def site_role_group(role, site_id):
    """The role's group for one site, whatever the site was called."""
    return Group.objects.filter(
        name__startswith=role.name + _SEPARATOR, name__endswith=site_mark(site_id)
    ).first()


def groups_of_role(key):
    """Every group of the role: the plain one and those of each site."""
    role = get_role(key)
    return Group.objects.filter(name=role.name) | Group.objects.filter(
        name__startswith=role.name + _SEPARATOR, name__endswith=")"
    )


def each_role_group(keys):
    """``(key, group)`` for every existing group of the roles ``keys``, plain
    and per site: the features' setup steps give each the same rights."""
    for key in keys:
        for group in groups_of_role(key).order_by("name"):
            yield key, group


def site_role_groups(site_id):
    """The per-site role groups of one site."""
    return Group.objects.filter(
        pk__in=[
            group.pk
            for group in Group.objects.filter(name__endswith=site_mark(site_id))
            if role_of_group_name(group.name)
        ]
    )


def role_groups_for_site(site_id):
    """The staff groups that belong to a site: its own, or the plain ones."""
    if site_id is not None:
        own = site_role_groups(site_id)
        if own.exists():
            return own
    return Group.objects.filter(name__in=[role.name for role in ROLES])


def has_site_role_groups():
    return any(
        role_of_group_name(name)
        for name in Group.objects.filter(name__endswith=")").values_list(
            "name", flat=True
        )
    )


def sites_with_sections():
    """The sites whose tree holds a «Наставничество» section, by id."""
    section_model = apps.get_model("mentoring_wagtail", "MentoringIndexPage")
    sites = list(Site.objects.select_related("root_page").order_by("pk"))
    paths = list(section_model.objects.values_list("path", flat=True))
    return [
        site
        for site in sites
        if any(path.startswith(site.root_page.path) for path in paths)
    ]


def per_site_mode():
    """True once the installation keeps its roles per site."""
    return has_site_role_groups() or len(sites_with_sections()) > 1


def site_id_of(obj):
    """The site a record or page belongs to, or None."""
    site_id = getattr(obj, "site_id", None)
    if site_id is not None:
        return site_id
    if hasattr(obj, "get_site"):
        site = obj.get_site()
        return site.pk if site else None
    return None


def other_schools_staff_ids(site_id):
    """Users who hold roles of other schools only: members of another site's
    role groups and of neither ``site_id``'s nor a plain role group. Nobody,
    in a single-school installation."""
    own, others = set(), set()
    for group_id, name in Group.objects.filter(name__endswith=")").values_list(
        "pk", "name"
    ):
        group_site = site_id_of_name(name)
        if group_site is None or not role_of_group_name(name):
            continue
        (own if group_site == site_id else others).add(group_id)
    if not others:
        return set()
    plain = Group.objects.filter(name__in=[role.name for role in ROLES])
    foreign = set(
        Group.objects.filter(pk__in=others).values_list("user", flat=True)
    ) - {None}
    kept = set(Group.objects.filter(pk__in=own).values_list("user", flat=True)) | set(
        plain.values_list("user", flat=True)
    )
    return foreign - kept

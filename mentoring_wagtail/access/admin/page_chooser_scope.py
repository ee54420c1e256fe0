"""Wagtail's page chooser shows a school's staff their own schools' trees.

A per-site role holds its page rights on its school's section only, yet
Wagtail's page chooser opened at the root lists every school's home page, and
its search every school's page titles. A user whose every role group and every
page right belong to particular schools sees those schools' trees in the
chooser (and the pages above them, to walk down to them); anyone holding a
plain role or a right above every school (Wagtail's «Editors» on the root)
sees the whole tree, as before.
"""

from django.db.models import Q
from wagtail.models import GroupPagePermission, Page, Site

from ..site_roles import role_of_group_name, site_id_of_name
from ..site_scope import site_id_of_url_path

_CACHE_ATTRIBUTE = "_mentoring_page_tree_sites"
_UNSET = object()


def _confining_site_ids(user):
    site_ids = set()
    for name in user.groups.values_list("name", flat=True):
        if role_of_group_name(name) is None:
            continue
        site_id = site_id_of_name(name)
        if site_id is None:
            return None  # a plain role covers every school
        site_ids.add(site_id)
    page_paths = (
        GroupPagePermission.objects.filter(group__user=user)
        .values_list("page__url_path", flat=True)
        .distinct()
    )
    for url_path in page_paths:
        site_id = site_id_of_url_path(url_path or "")
        if site_id is None:
            return None  # a right above every school's tree
        site_ids.add(site_id)
    return site_ids or None


def page_tree_site_ids(user):
    """The sites whose trees the user's chooser shows; None for the whole tree."""
    if not user.is_authenticated or user.is_superuser:
        return None
    cached = getattr(user, _CACHE_ATTRIBUTE, _UNSET)
    if cached is _UNSET:
        cached = _confining_site_ids(user)
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def _ancestor_paths(path):
    step = Page.steplen
    return [path[:end] for end in range(step, len(path), step)]


def confine_to_own_schools(pages, user):
    # Tree paths, not URL paths: Wagtail's search filters on ``path`` too.
    site_ids = page_tree_site_ids(user)
    if site_ids is None:
        return pages
    shown = Q(pk__in=[])
    roots = Site.objects.filter(pk__in=site_ids).values_list(
        "root_page__path", flat=True
    )
    for path in roots:
        shown |= Q(path__startswith=path) | Q(path__in=_ancestor_paths(path))
    return pages.filter(shown)

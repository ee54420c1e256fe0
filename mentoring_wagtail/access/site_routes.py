"""Where a site's own copy of an approval route (and of its steps) is found.

An installation with roles per site (``site_roles``) gets, for each default
route, a copy per site whose steps go to that site's groups; the copy is told
by its name, «<route> — <site> (сайт N)». Records ask here for their site's
route (``AbstractOfficialDocument.get_workflow``), and the approvals' setup
names the copies it makes (``approvals.routes``).
"""

from wagtail.models import Workflow

from .site_roles import site_label, site_mark


def site_route_name(name, site):
    return f"{name} — {site_label(site)} {site_mark(site.pk)}"


def find_for_site(queryset, name, site_id):
    """The row of ``queryset`` that is the copy of ``name`` for ``site_id``."""
    return queryset.filter(
        name__startswith=f"{name} — ", name__endswith=site_mark(site_id)
    ).first()


def site_workflow(name, site_id):
    """The active route of one site for the default route ``name``, or None."""
    return find_for_site(Workflow.objects.filter(active=True), name, site_id)

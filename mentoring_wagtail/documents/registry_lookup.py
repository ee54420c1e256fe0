"""Which registry page shows a record: the one on the record's own site.

An installation may serve several schools (Wagtail sites), each with its
«Реестр документов». A link to a record (roadmap evidence, familiarisation,
notifications) goes to the registry under the root of the record's site,
never to whichever registry comes first in the tree.
"""

from wagtail.models import Site

from .registry import DocumentRegistryPage


def registries_by_site(site_ids):
    """``{site id: live registry page}`` for the given sites, in two queries."""
    site_ids = {site_id for site_id in site_ids if site_id}
    if not site_ids:
        return {}
    sites = list(Site.objects.filter(pk__in=site_ids).select_related("root_page"))
    registries = list(DocumentRegistryPage.objects.live().order_by("path"))
    found = {}
    for site in sites:
        root = site.root_page.path
        for registry in registries:
            if registry.path.startswith(root):
                found[site.pk] = registry
                break
    return found


def registry_for(record):
    return registries_by_site([getattr(record, "site_id", None)]).get(
        getattr(record, "site_id", None)
    )


def registry_url(record):
    """The public address of ``record`` in its site's registry, or ""."""
    registry = registry_for(record)
    return registry.document_url(record) if registry is not None else ""


def registry_full_url(record):
    """The absolute public address of ``record`` (for a QR code or a letter)."""
    registry = registry_for(record)
    if registry is None:
        return ""
    root = registry.get_full_url() or ""
    return root + registry.reverse_subpage(
        "document", kwargs={"doc_type": record.registry_type, "pk": record.pk}
    )

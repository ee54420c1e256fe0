"""The documents collection setup makes, and each school's own inside it."""

from django.utils.translation import gettext as _
from wagtail.models import Collection

from ..access import site_roles
from ..conf import get_setting
from ..setup_result import SetupResult


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


def site_child_collection(parent, site):
    """``parent``'s collection of one site, if made: named with «(сайт N)»."""
    return (
        parent.get_children()
        .filter(name__endswith=site_roles.site_mark(site.pk))
        .first()
    )


def ensure_site_child_collection(parent, site):
    """``(collection, created)``: ``parent``'s collection of ``site``, named
    «<parent> — <site> (сайт N)»; renamed with the site, found by its id."""
    name = (
        f"{parent.name} — {site_roles.site_label(site)} {site_roles.site_mark(site.pk)}"
    )
    collection = site_child_collection(parent, site)
    if collection is None:
        return parent.add_child(name=name), True
    if collection.name != name:
        collection.name = name
        collection.save(update_fields=["name"])
    return collection, False


def site_documents_collection(site):
    """The site's own documents collection, if the installation has made one:
    a collection below the documents collection named with «(сайт N)»."""
    return site_child_collection(get_documents_collection(), site)


def documents_collection_for(site):
    """Where a file made for ``site`` goes: its own collection, else the shared one."""
    shared = get_documents_collection()
    if site is None:
        return shared
    return site_child_collection(shared, site) or shared

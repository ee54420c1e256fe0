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


def site_documents_collection(site):
    """The site's own documents collection, if the installation has made one:
    a collection below the documents collection named with «(сайт N)»."""
    shared = get_documents_collection()
    return (
        shared.get_children()
        .filter(name__endswith=site_roles.site_mark(site.pk))
        .first()
    )

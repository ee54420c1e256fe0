"""Where the app's generated files go: a collection only named roles may open.

The draft of a fixing order lists mentees by name; it is stored in
«<documents collection> / Участники», restricted to the director, curators and
secretaries (Wagtail collection privacy, enforced with the ``serve_view``
serve method the package requires).
"""

from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction

from mentoring_wagtail.access.site_roles import each_role_group, site_id_of_name
from mentoring_wagtail.access.staff_roles import get_role
from mentoring_wagtail.conf import get_setting as core_setting
from mentoring_wagtail.setup.collections import site_child_collection

PRIVATE_COLLECTION_NAME = "Участники"
ALLOWED_ROLES = ("director", "curator", "secretary")


def _parent():
    root = Collection.get_first_root_node()
    return (
        root.get_children()
        .filter(name=core_setting("DOCUMENTS_COLLECTION_NAME"))
        .first()
        or root
    )


def existing_private_collections():
    """The private collections made so far, the shared one and each school's
    (never creates one)."""
    parent = _parent()
    return Collection.objects.filter(
        path__startswith=parent.path, name=PRIVATE_COLLECTION_NAME
    )


def private_collection(site=None):
    """«Участники» of ``site``'s own documents collection when the
    installation keeps roles per site (only that school's groups open it),
    else the shared one."""
    parent = _parent()
    own = site_child_collection(parent, site) if site is not None else None
    parent = own or parent
    collection = parent.get_children().filter(name=PRIVATE_COLLECTION_NAME).first()
    if collection is None:
        collection = parent.add_child(name=PRIVATE_COLLECTION_NAME)
    restriction = CollectionViewRestriction.objects.filter(
        collection=collection
    ).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        names = [get_role(key).name for key in ALLOWED_ROLES]
        restriction.groups.set(Group.objects.filter(name__in=names))
    if restriction.restriction_type == CollectionViewRestriction.GROUPS:
        # With roles per site, the roles' groups (made later than the
        # collection, perhaps) open it too: the school's own, or every
        # school's for the shared collection.
        restriction.groups.add(
            *[
                group
                for _key, group in each_role_group(ALLOWED_ROLES)
                if own is None or site_id_of_name(group.name) in (None, site.pk)
            ]
        )
    return collection

"""Where the app's generated files go: a collection only named roles may open.

The draft of a fixing order lists mentees by name; it is stored in
«<documents collection> / Участники», restricted to the director, curators and
secretaries (Wagtail collection privacy, enforced with the ``serve_view``
serve method the package requires).
"""

from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction

from mentoring_wagtail.access.site_roles import each_role_group
from mentoring_wagtail.access.staff_roles import get_role
from mentoring_wagtail.conf import get_setting as core_setting

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


def existing_private_collection():
    """The private collection if it was made already (never creates it)."""
    parent = _parent()
    if parent is None:
        return None
    return parent.get_children().filter(name=PRIVATE_COLLECTION_NAME).first()


def private_collection():
    parent = _parent()
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
        # With roles per site, the roles' groups of every site (made later
        # than the collection, perhaps) open it too.
        restriction.groups.add(
            *[group for _key, group in each_role_group(ALLOWED_ROLES)]
        )
    return collection

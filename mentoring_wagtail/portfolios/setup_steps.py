"""What ``mentoring_setup`` does for portfolios, added from this app.

- an image collection for mentors' photos, where a mentor may upload (and so
  choose only what they uploaded) and the curator may manage;
- the roles' permissions on awards and on choosing whose portfolio a page is;
- the curator's rights on «Наши наставники» (edit and publish below it): in
  Wagtail 8 the approval that ends a route publishes as the approver, who
  must hold publish permission on the page; also given when such an index
  page is created;
- the mentors' rights on existing portfolio pages, repaired to follow the rules;
- mentors' photos stored before their files were named as people's photos,
  renamed (``photo_files.py``).

The route «Публикация портфолио наставника» is assigned to portfolio pages by
the core's workflow step: this app puts its page type on the route in ``ready()``.
"""

from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Site,
)

from mentoring_wagtail.access.role_grants import (
    add_missing_rows,
    get_permission,
    grant_role_permissions,
)
from mentoring_wagtail.access.site_roles import site_id_of_name, site_role_group
from mentoring_wagtail.access.staff_roles import get_role
from mentoring_wagtail.setup import steps as setup
from mentoring_wagtail.setup.collections import ensure_site_child_collection
from mentoring_wagtail.setup_result import SetupResult

from .models import MentorIndexPage, MentorPortfolioPage
from .photo_files import portfolio_photos, seclude
from .rights import sync_mentor_right

PHOTOS_COLLECTION_NAME = "Фотографии наставников"
APP = "mentoring_portfolios"

ROLE_PERMISSIONS = {
    "curator": (
        f"{APP}.add_award",
        f"{APP}.change_award",
        f"{APP}.view_award",
        f"{APP}.choose_portfolio_mentor",
    ),
    "director": (f"{APP}.view_award", f"{APP}.choose_portfolio_mentor"),
    "site_editor": (f"{APP}.view_award", f"{APP}.choose_portfolio_mentor"),
    "methodologist": (f"{APP}.view_award",),
}
PHOTO_PERMISSIONS = {
    "mentor": ("add_image",),
    "curator": ("add_image", "change_image", "choose_image"),
    "site_editor": ("add_image", "change_image", "choose_image"),
}


def get_photos_collection(create=False):
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PHOTOS_COLLECTION_NAME).first()
    if collection is None and create:
        collection = root.add_child(name=PHOTOS_COLLECTION_NAME)
    return collection


def photos_collection_of_group(shared, group):
    """A school's groups manage their school's photos only: the collection
    «Фотографии наставников — <site> (сайт N)» inside the shared one (rights
    on a collection hold inside it too); a plain group, the shared one."""
    site_id = site_id_of_name(group.name)
    site = Site.objects.filter(pk=site_id).first() if site_id else None
    if site is None:
        return shared
    GroupCollectionPermission.objects.filter(group=group, collection=shared).delete()
    return ensure_site_child_collection(shared, site)[0]


def ensure_portfolio_permissions():
    shared = get_photos_collection(create=True)
    keys = sorted(set(ROLE_PERMISSIONS) | set(PHOTO_PERMISSIONS))
    # Every group of the role: the plain one, or one per site.
    for key, group, added in grant_role_permissions(ROLE_PERMISSIONS, keys):
        name = group.name
        collection = photos_collection_of_group(shared, group)
        photo_rights = [
            get_permission(f"wagtailimages.{codename}")
            for codename in PHOTO_PERMISSIONS.get(key, ())
        ]
        added += add_missing_rows(
            GroupCollectionPermission, group, "collection", [collection], photo_rights
        )
        if added:
            message = ngettext(
                "Group «%(name)s»: %(count)d portfolio permission added.",
                "Group «%(name)s»: %(count)d portfolio permissions added.",
                added,
            )
        else:
            message = _("Group «%(name)s»: portfolio permissions found.")
        yield SetupResult(bool(added), message % {"name": name, "count": added})


# Roles that moderate portfolios and the page permissions they need for it.
MODERATOR_PAGE_PERMISSIONS = {
    "curator": ("change_page", "view_page", "publish_page", "lock_page", "unlock_page")
}


def grant_moderators(index):
    """Give the moderating roles their page permissions on one index page."""
    added = 0
    site = index.get_site()
    for key, codenames in MODERATOR_PAGE_PERMISSIONS.items():
        # The plain group, or the group of the index's own site.
        group = Group.objects.filter(name=get_role(key).name).first()
        if site is not None:
            group = site_role_group(get_role(key), site.pk) or group
        if group is None:
            continue
        for codename in codenames:
            _row, created = GroupPagePermission.objects.get_or_create(
                group=group,
                page=index,
                permission=get_permission(f"wagtailcore.{codename}"),
            )
            added += created
    return added


def ensure_moderator_rights():
    added = sum(grant_moderators(index) for index in MentorIndexPage.objects.all())
    yield SetupResult(
        bool(added),
        ngettext(
            "«Our mentors» pages: %(count)d moderator permission added.",
            "«Our mentors» pages: %(count)d moderator permissions added.",
            added,
        )
        % {"count": added},
    )


def repair_mentor_rights():
    changed = 0
    pages = MentorPortfolioPage.objects.select_related("mentor__person__user")
    for page in pages.prefetch_related("mentor__person__consents"):
        changed += sync_mentor_right(page)
    yield SetupResult(
        bool(changed),
        ngettext(
            "Mentors' rights on portfolios: %(count)d corrected.",
            "Mentors' rights on portfolios: %(count)d corrected.",
            changed,
        )
        % {"count": changed},
    )


def seclude_existing_photos():
    """``mentoring_setup``: photos stored before this rule get their name now
    (every portfolio's photos, drafts included, and the photos collection)."""
    images = {}
    for page in MentorPortfolioPage.objects.all():
        images.update((image.pk, image) for image in portfolio_photos(page))
    collection = get_photos_collection()
    if collection is not None:
        inside = get_image_model().objects.filter(
            collection__path__startswith=collection.path
        )
        for image in inside:
            images.setdefault(image.pk, image)
    renamed = sum(seclude(image) for image in images.values())
    yield SetupResult(
        bool(renamed),
        ngettext(
            "Mentors' photos: %(count)d renamed so that no /media/ address serves it.",
            "Mentors' photos: %(count)d renamed so that no /media/ address "
            "serves them.",
            renamed,
        )
        % {"count": renamed},
    )


def register_setup_step():
    for step in (
        ensure_portfolio_permissions,
        ensure_moderator_rights,
        repair_mentor_rights,
        seclude_existing_photos,
    ):
        if step not in setup.SETUP_STEPS:
            setup.SETUP_STEPS.append(step)

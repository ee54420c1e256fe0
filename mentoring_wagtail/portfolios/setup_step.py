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
from wagtail.models import Collection, GroupCollectionPermission

from .photo_files import portfolio_photos, seclude

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


def ensure_portfolio_permissions():
    from mentoring_wagtail.access.setup import SetupResult, get_permission
    from mentoring_wagtail.access.site_roles import each_role_group

    collection = get_photos_collection(create=True)
    keys = sorted(set(ROLE_PERMISSIONS) | set(PHOTO_PERMISSIONS))
    # Every group of the role: the plain one, or one per site.
    for key, group in each_role_group(keys):
        name = group.name
        added = 0
        have = set(group.permissions.values_list("pk", flat=True))
        missing = [
            p
            for p in map(get_permission, ROLE_PERMISSIONS.get(key, ()))
            if p.pk not in have
        ]
        group.permissions.add(*missing)
        added += len(missing)
        for codename in PHOTO_PERMISSIONS.get(key, ()):
            _row, created = GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=get_permission(f"wagtailimages.{codename}"),
            )
            added += created
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
    from wagtail.models import GroupPagePermission

    from mentoring_wagtail.access.roles import get_role
    from mentoring_wagtail.access.setup import get_page_permission
    from mentoring_wagtail.access.site_roles import site_role_group

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
                group=group, page=index, permission=get_page_permission(codename)
            )
            added += created
    return added


def ensure_moderator_rights():
    from mentoring_wagtail.access.setup import SetupResult

    from .models import MentorIndexPage

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
    from mentoring_wagtail.access.setup import SetupResult

    from .models import MentorPortfolioPage
    from .rights import sync_mentor_right

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
    from mentoring_wagtail.access.setup import SetupResult

    from .models import MentorPortfolioPage

    images = {}
    for page in MentorPortfolioPage.objects.all():
        images.update((image.pk, image) for image in portfolio_photos(page))
    collection = get_photos_collection()
    if collection is not None:
        for image in get_image_model().objects.filter(collection=collection):
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
    from mentoring_wagtail.access import setup

    for step in (
        ensure_portfolio_permissions,
        ensure_moderator_rights,
        repair_mentor_rights,
        seclude_existing_photos,
    ):
        if step not in setup.SETUP_STEPS:
            setup.SETUP_STEPS.append(step)

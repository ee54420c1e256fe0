"""Nothing official vanishes: published pages of the section stay in place.

Wagtail lets whoever may change and publish a subtree delete and move its
pages. A roadmap, the registry or the section page, once published, is part
of the record: it is unpublished or superseded, never deleted or moved (a
move changes its public address). The rule lives in the page permission
tester (:class:`OfficialPagePermissionTester`, returned by the package's
page types), which Wagtail's explorer buttons, action menus, bulk actions and
the delete/move views all ask; the ``before_delete_page``/``before_move_page``
hooks (:func:`refuse_removing_official_pages`) catch an ancestor of official
pages deleted or moved from outside the section. Superusers keep Wagtail's
rules, as the server's owner.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page, PagePermissionTester


def official_page_types():
    from ..models import DocumentRegistryPage, MentoringIndexPage, RoadmapPage

    return (MentoringIndexPage, DocumentRegistryPage, RoadmapPage)


def is_official(page):
    """Published once: live now, or unpublished after having been public."""
    return bool(page.live or page.first_published_at)


def official_pages_in(page):
    """The official pages of the package in ``page``'s subtree, itself included."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    types = ContentType.objects.get_for_models(*official_page_types()).values()
    return (
        Page.objects.descendant_of(page, inclusive=True)
        .filter(content_type__in=list(types))
        .filter(Q(live=True) | Q(first_published_at__isnull=False))
    )


class OfficialPagePermissionTester(PagePermissionTester):
    def _keeps_official_pages(self):
        return self.user.is_active and not self.user.is_superuser

    def can_delete(self, ignore_bulk=False):
        if self._keeps_official_pages() and official_pages_in(self.page).exists():
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        if self._keeps_official_pages() and official_pages_in(self.page).exists():
            return False
        return super().can_move()


def refuse_removing_official_pages(request, page, message):
    user = request.user
    if user.is_superuser or not official_pages_in(page).exists():
        return None
    messages.error(request, message % {"title": page.get_admin_display_title()})
    return redirect("wagtailadmin_explore", page.get_parent().pk)


def before_delete_page(request, page):
    return refuse_removing_official_pages(
        request,
        page,
        _(
            "«%(title)s» is an official page or holds one, and is not deleted: "
            "unpublish it, or publish the new edition in its place."
        ),
    )


def before_move_page(request, page_to_move, destination):
    # Wagtail's move confirmation shows the page before any permission check;
    # ask the same tester its move button asks.
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
    return refuse_removing_official_pages(
        request,
        page_to_move,
        _(
            "«%(title)s» is an official page or holds one, and is not moved: its "
            "public address stays. Publish a new page where it is needed."
        ),
    )

"""Nothing official vanishes: published pages of the section stay in place.

Wagtail lets whoever may change and publish a subtree delete and move its
pages. A page whose type declares ``official_document = True`` (a roadmap,
the registry, the section page), once published, is part of the record: it
is unpublished or superseded, never deleted or moved (a move changes its
public address). The rule lives in the page permission
tester (:class:`OfficialPagePermissionTester`, returned by the package's
page types), which Wagtail's explorer buttons, action menus, bulk actions and
the delete/move views all ask; the ``before_delete_page``/``before_move_page``
hooks (``section/wagtail_hooks.py``) catch an ancestor of official
pages deleted or moved from outside the section. Superusers keep Wagtail's
rules, as the server's owner.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, PagePermissionTester, get_page_models


def official_page_types():
    """The page types that declare ``official_document = True``."""
    return [
        model
        for model in get_page_models()
        if getattr(model, "official_document", False)
    ]


def is_official(page):
    """Published once: live now, or unpublished after having been public."""
    return bool(page.live or page.first_published_at)


def official_pages_in(page):
    """The official pages of the package in ``page``'s subtree, itself included."""
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

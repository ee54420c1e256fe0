"""The section's admin registrations, imported by the app's ``wagtail_hooks``."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages

from .low_vision import switch_response
from .models import MentoringPageMixin
from .official_pages import official_pages_in


@hooks.register("before_serve_page")
def store_low_vision_choice(page, request, serve_args, serve_kwargs):
    if isinstance(page, MentoringPageMixin):
        return switch_response(request)
    return None


def refuse_removing_official_pages(request, page, message):
    user = request.user
    if user.is_superuser or not official_pages_in(page).exists():
        return None
    messages.error(request, message % {"title": page.get_admin_display_title()})
    return redirect("wagtailadmin_explore", page.get_parent().pk)


# Nothing official vanishes: published pages are not deleted or moved.
@hooks.register("before_delete_page")
def keep_official_pages_on_delete(request, page):
    return refuse_removing_official_pages(
        request,
        page,
        _(
            "«%(title)s» is an official page or holds one, and is not deleted: "
            "unpublish it, or publish the new edition in its place."
        ),
    )


@hooks.register("before_move_page")
def keep_official_pages_on_move(request, page_to_move, destination):
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

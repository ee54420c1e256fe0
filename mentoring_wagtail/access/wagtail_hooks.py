"""Access hooks: object checks in action menus and bulk actions; the page
chooser confined to a school's own tree; «Доступ»."""

from django.urls import include, path
from wagtail import hooks

from .admin import sharing
from .admin.bulk_actions import GuardedDeleteBulkAction
from .admin.page_chooser_scope import confine_to_own_schools
from .admin.viewset_guard import align_action_menu


# Publish items follow the permission policy with the object, before the
# route rule removes them for who must submit instead.
@hooks.register("construct_snippet_action_menu", order=-10)
def align_publish_with_policy(menu_items, request, context):
    align_action_menu(menu_items, request, context)


@hooks.register("construct_page_chooser_queryset")
def confine_page_chooser_to_own_schools(pages, request):
    return confine_to_own_schools(pages, request.user)


# Registered after Wagtail's own (order) so it replaces it for guarded models.
hooks.register("register_bulk_action", GuardedDeleteBulkAction, order=100)


@hooks.register("register_admin_urls")
def register_sharing_urls():
    return [
        path("mentoring/sharing/", include(sharing, namespace="mentoring_sharing")),
    ]

"""Access hooks: object checks in action menus and bulk actions; official pages kept."""

from wagtail import hooks

from .bulk_actions import GuardedDeleteBulkAction


# Publish items follow the permission policy with the object, before the
# route rule removes them for who must submit instead.
@hooks.register("construct_snippet_action_menu", order=-10)
def align_publish_with_policy(menu_items, request, context):
    from .viewset_guard import align_action_menu

    align_action_menu(menu_items, request, context)


# Registered after Wagtail's own (order) so it replaces it for guarded models.
hooks.register("register_bulk_action", GuardedDeleteBulkAction, order=100)


# Nothing official vanishes: published pages are not deleted or moved.
@hooks.register("before_delete_page")
def keep_official_pages_on_delete(request, page):
    from .official_pages import before_delete_page

    return before_delete_page(request, page)


@hooks.register("before_move_page")
def keep_official_pages_on_move(request, page_to_move, destination):
    from .official_pages import before_move_page

    return before_move_page(request, page_to_move, destination)

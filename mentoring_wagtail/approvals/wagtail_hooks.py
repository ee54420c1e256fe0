"""The approvals' admin hooks, imported by the app's ``wagtail_hooks``."""

from wagtail import hooks

from ..section.models import NEW_PAGE_WORKFLOW_HOOK
from .hooks import object_buttons
from .routes import route_of_page_type

# A page not saved yet is offered its type's route (section.models).
hooks.register(NEW_PAGE_WORKFLOW_HOOK, route_of_page_type)


# Approval routes, per-object rights, familiarisation (issue 5).
@hooks.register("register_admin_urls")
def register_approval_urls():
    from django.urls import include, path

    from . import familiarisation, sign_off_view

    return [
        path(
            "mentoring/familiarisation/",
            include(familiarisation, namespace="mentoring_familiarisation"),
        ),
        path(
            "mentoring/sign-off/",
            include(sign_off_view, namespace="mentoring_sign_off"),
        ),
    ]


# «Доступ» and «Ознакомление» in a guarded snippet's edit header
# (access.admin.guarded asks this hook).
@hooks.register("register_mentoring_object_header_buttons")
def approval_object_header_buttons(obj, user, priority):
    return object_buttons(obj, user, priority=priority)


@hooks.register("register_log_actions")
def register_approval_log_actions(actions):
    from .hooks import register_log_actions

    register_log_actions(actions)


@hooks.register("after_edit_page")
def confirm_page_workflow_action(request, page):
    from .workflow_action import after_page_workflow_action

    return after_page_workflow_action(request, page)


@hooks.register("construct_homepage_panels")
def add_mentoring_homepage_panels(request, panels):
    from .dashboard import construct_homepage_panels

    construct_homepage_panels(request, panels)


@hooks.register("register_snippet_listing_buttons")
def sharing_snippet_listing_buttons(snippet, user, next_url=None):
    from .hooks import snippet_listing_buttons

    return snippet_listing_buttons(snippet, user, next_url)


@hooks.register("register_page_header_buttons")
def sharing_page_header_buttons(page, user, view_name=None, next_url=None):
    from .hooks import page_header_buttons

    return page_header_buttons(page, user, view_name, next_url)


@hooks.register("before_edit_snippet")
def check_object_rights_on_edit(request, instance):
    from .hooks import check_edit_snippet

    return check_edit_snippet(request, instance)


@hooks.register("before_delete_snippet")
def check_object_rights_on_delete(request, instances):
    from .hooks import check_delete_snippet

    return check_delete_snippet(request, instances)


@hooks.register("before_publish_page")
def refuse_publishing_page_past_the_route(request, page):
    from .hooks import refuse_publishing_past_the_route

    return refuse_publishing_past_the_route(request, page)


@hooks.register("before_publish")
def refuse_publishing_snippet_past_the_route(request, obj):
    from .hooks import refuse_publishing_past_the_route

    return refuse_publishing_past_the_route(request, obj)


@hooks.register("construct_page_action_menu")
@hooks.register("construct_snippet_action_menu")
def hide_publish_past_the_route(menu_items, request, context):
    from .hooks import hide_publish_past_the_route as hide

    hide(menu_items, request, context)


@hooks.register("construct_page_action_menu")
def name_the_route_on_the_add_form(menu_items, request, context):
    from .new_page_route import name_the_route_on_add

    name_the_route_on_add(menu_items, request, context)

"""Registration only: the admin views themselves live in ``views/``."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .views import roadmap as roadmap_views
from .views.menu import MentoringViewSetGroup

# Registered as a snippet group (not through ``register_admin_viewset``) so
# the snippet models are known when ``migrate`` runs: Wagtail creates their
# publish/lock/unlock permissions in post_migrate for registered snippets only.
if MentoringViewSetGroup.items:
    register_snippet(MentoringViewSetGroup)


@hooks.register("register_log_actions")
def register_document_log_actions(actions):
    from .views.revocation import register_revocation_log_action

    register_revocation_log_action(actions)


@hooks.register("before_delete_snippet")
def refuse_deleting_referenced_documents(request, instances):
    from .views.revocation import refuse_deleting_referenced

    return refuse_deleting_referenced(request, instances)


@hooks.register("register_admin_urls")
def register_roadmap_urls():
    from django.urls import include, path

    return [
        path(
            "mentoring/roadmaps/",
            include(
                (roadmap_views.urlpatterns, "mentoring_roadmap"),
                namespace="mentoring_roadmap",
            ),
        )
    ]


@hooks.register("register_page_header_buttons")
def roadmap_page_header_buttons(page, user, view_name=None, next_url=None):
    return roadmap_views.roadmap_page_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def roadmap_page_listing_buttons(page, user, next_url=None):
    return roadmap_views.roadmap_page_buttons(page, user)


# Approval routes, per-object rights, familiarisation (issue 5).
@hooks.register("register_admin_urls")
def register_approval_urls():
    from django.urls import include, path

    from .views import familiarisation, sharing

    return [
        path("mentoring/sharing/", include(sharing, namespace="mentoring_sharing")),
        path(
            "mentoring/familiarisation/",
            include(familiarisation, namespace="mentoring_familiarisation"),
        ),
    ]


@hooks.register("register_log_actions")
def register_approval_log_actions(actions):
    from .views.approvals import register_log_actions

    register_log_actions(actions)


@hooks.register("construct_homepage_panels")
def add_mentoring_homepage_panels(request, panels):
    from .views.dashboard import construct_homepage_panels

    construct_homepage_panels(request, panels)


@hooks.register("register_snippet_listing_buttons")
def sharing_snippet_listing_buttons(snippet, user, next_url=None):
    from .views.approvals import snippet_listing_buttons

    return snippet_listing_buttons(snippet, user, next_url)


@hooks.register("register_page_header_buttons")
def sharing_page_header_buttons(page, user, view_name=None, next_url=None):
    from .views.approvals import page_header_buttons

    return page_header_buttons(page, user, view_name, next_url)


@hooks.register("before_edit_snippet")
def check_object_rights_on_edit(request, instance):
    from .views.approvals import check_edit_snippet

    return check_edit_snippet(request, instance)


@hooks.register("before_delete_snippet")
def check_object_rights_on_delete(request, instances):
    from .views.approvals import check_delete_snippet

    return check_delete_snippet(request, instances)


@hooks.register("before_publish_page")
def refuse_publishing_page_past_the_route(request, page):
    from .views.approvals import refuse_publishing_past_the_route

    return refuse_publishing_past_the_route(request, page)


@hooks.register("before_publish")
def refuse_publishing_snippet_past_the_route(request, obj):
    from .views.approvals import refuse_publishing_past_the_route

    return refuse_publishing_past_the_route(request, obj)


@hooks.register("construct_page_action_menu")
@hooks.register("construct_snippet_action_menu")
def hide_publish_past_the_route(menu_items, request, context):
    from .views.approvals import hide_publish_past_the_route as hide

    hide(menu_items, request, context)

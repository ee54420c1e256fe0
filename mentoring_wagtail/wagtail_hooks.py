"""Registration only: the admin views themselves live in ``views/``."""

from wagtail import hooks

from .views import roadmap as roadmap_views
from .views.menu import MentoringViewSetGroup


@hooks.register("register_admin_viewset")
def register_mentoring_menu():
    if MentoringViewSetGroup.items:
        return MentoringViewSetGroup()
    return []


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
            include((roadmap_views.urlpatterns, "mentoring_roadmap"), namespace="mentoring_roadmap"),
        )
    ]


@hooks.register("register_page_header_buttons")
def roadmap_page_header_buttons(page, user, view_name=None, next_url=None):
    return roadmap_views.roadmap_page_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def roadmap_page_listing_buttons(page, user, next_url=None):
    return roadmap_views.roadmap_page_buttons(page, user)

"""The roadmaps' admin hooks, imported by the app's ``wagtail_hooks``."""

from django.urls import include, path
from wagtail import hooks

from .admin import views as roadmap_views
from .admin.admin_menu import RoadmapImportMenuItem


@hooks.register("register_admin_urls")
def register_roadmap_urls():
    return [
        path(
            "mentoring/roadmaps/",
            include(
                (roadmap_views.urlpatterns, "mentoring_roadmap"),
                namespace="mentoring_roadmap",
            ),
        )
    ]


@hooks.register("register_mentoring_menu_item")
def roadmap_import_menu_item():
    return RoadmapImportMenuItem()


@hooks.register("register_page_header_buttons")
def roadmap_page_header_buttons(page, user, view_name=None, next_url=None):
    return roadmap_views.roadmap_page_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def roadmap_page_listing_buttons(page, user, next_url=None):
    return roadmap_views.roadmap_page_buttons(page, user)

"""Registration only: the admin pieces live in ``admin/``."""

from django.urls import include, path
from wagtail import hooks

from .admin import own
from .admin import views as admin_views
from .rights import register_log_actions


@hooks.register("register_admin_urls")
def register_portfolio_urls():
    return [
        path("mentoring/portfolios/", include(own, namespace="mentoring_portfolios"))
    ]


@hooks.register("register_admin_menu_item")
def register_my_portfolio_menu_item():
    return admin_views.my_portfolio_menu_item()


@hooks.register("construct_homepage_panels")
def add_my_portfolio_panel(request, panels):
    admin_views.add_my_portfolio_panel(request, panels)


@hooks.register("construct_page_chooser_queryset")
def hide_others_portfolio_drafts(pages, request):
    return admin_views.hide_others_drafts(pages, request)


@hooks.register("before_move_page")
def refuse_moving_portfolio_without_right(request, page, destination):
    # Wagtail's move confirmation page checks the right only on POST; its GET
    # would show a portfolio's title to anyone with admin access.
    return admin_views.refuse_move(request, page)


@hooks.register("register_admin_viewset")
def register_award_viewset():
    return admin_views.AwardViewSet("mentoring_awards")


@hooks.register("register_log_actions")
def register_portfolio_log_actions(actions):
    register_log_actions(actions)

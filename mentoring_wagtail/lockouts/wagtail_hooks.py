"""The lockouts screen in Wagtail's settings menu, when django-axes is installed."""

from django.apps import apps
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views

if apps.is_installed("axes"):

    @hooks.register("register_admin_urls")
    def register_lockout_urls():
        return [
            path(
                "mentoring/lockouts/",
                include(
                    (views.urlpatterns, "mentoring_lockouts"),
                    namespace="mentoring_lockouts",
                ),
            )
        ]

    class LockoutsMenuItem(MenuItem):
        def is_shown(self, request):
            return views.may_unlock(request.user)

    @hooks.register("register_settings_menu_item")
    def lockouts_menu_item():
        return LockoutsMenuItem(
            _("Login lockouts"),
            reverse("mentoring_lockouts:index"),
            icon_name="lock",
            order=900,
        )

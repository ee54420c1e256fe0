"""The lockouts screen in Wagtail's settings menu, when django-axes is installed."""

from django.apps import apps
from wagtail import hooks

if apps.is_installed("axes"):

    @hooks.register("register_admin_urls")
    def register_lockout_urls():
        from django.urls import include, path

        from . import views

        return [
            path(
                "mentoring/lockouts/",
                include(
                    (views.urlpatterns, "mentoring_lockouts"),
                    namespace="mentoring_lockouts",
                ),
            )
        ]

    @hooks.register("register_settings_menu_item")
    def lockouts_menu_item():
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _
        from wagtail.admin.menu import MenuItem

        from .views import may_unlock

        class LockoutsMenuItem(MenuItem):
            def is_shown(self, request):
                return may_unlock(request.user)

        return LockoutsMenuItem(
            _("Login lockouts"),
            reverse("mentoring_lockouts:index"),
            icon_name="lock",
            order=900,
        )

"""«Фоновые задачи» under Reports, its permissions and its log action."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from .admin import views


class JobsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.policy().user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_background_urls():
    return [
        path("mentoring/background-tasks/", include(views, namespace=views.app_name))
    ]


@hooks.register("register_reports_menu_item")
def register_background_menu_item():
    return JobsMenuItem(
        gettext_lazy("Background tasks"),
        reverse(f"{views.app_name}:index"),
        name="mentoring-background-tasks",
        icon_name="cogs",
        order=1100,
    )


@hooks.register("register_permissions")
def register_background_permissions():
    return Permission.objects.filter(
        content_type__app_label="mentoring_wagtail",
        codename__in=["view_backgroundjob", "change_backgroundjob"],
    )


@hooks.register("register_log_actions")
def register_background_log_actions(actions):
    @actions.register_action(views.RETRIED)
    class RetriedFormatter(LogFormatter):
        label = gettext_lazy("Background task retried")

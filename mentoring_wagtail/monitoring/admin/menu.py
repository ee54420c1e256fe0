"""The «Мониторинг» menu item: shown to whoever holds one of its rights."""

from wagtail.admin.menu import MenuItem

from . import views


class MonitoringMenuItem(MenuItem):
    def is_shown(self, request):
        return any(
            request.user.has_perm(p)
            for p in (
                views.VIEW_YEAR,
                views.ISSUE_LINKS,
                views.VIEW_ANSWERS,
                views.VIEW_REGION,
            )
        )

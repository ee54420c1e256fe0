"""Registration only: the admin views themselves live in ``views/``."""

from wagtail import hooks

from .views.menu import MentoringViewSetGroup


@hooks.register("register_admin_viewset")
def register_mentoring_menu():
    if MentoringViewSetGroup.items:
        return MentoringViewSetGroup()
    return []

"""Registration only: the admin views themselves live in ``views/``."""

from wagtail import hooks

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

"""The documents' admin hooks, imported by the app's ``wagtail_hooks``."""

from wagtail import hooks


@hooks.register("register_log_actions")
def register_document_log_actions(actions):
    from .revocation import register_revocation_log_action

    register_revocation_log_action(actions)


@hooks.register("before_delete_snippet")
def refuse_deleting_referenced_documents(request, instances):
    from .revocation import refuse_deleting_referenced

    return refuse_deleting_referenced(request, instances)


@hooks.register("before_serve_document")
def keep_unpublished_files_inside(document, request):
    from .serving import serve_refusal

    return serve_refusal(document, request)


@hooks.register("construct_snippet_action_menu")
def drop_refused_publish(menu_items, request, context):
    from .action_menu import drop_refused_publish as hook

    hook(menu_items, request, context)

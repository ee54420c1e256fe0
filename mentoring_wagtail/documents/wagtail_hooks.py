"""The documents' admin hooks, imported by the app's ``wagtail_hooks``."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.documents.wagtail_hooks import check_view_restrictions
from wagtail.wagtail_hooks import require_wagtail_login

from .admin.action_menu import drop_refused_publish as drop_refused_publish_item
from .admin.revocation import refuse_deleting_referenced
from .revocation import REVOKE_ACTION
from .serving import may_open_document


@hooks.register("register_log_actions")
def register_document_log_actions(actions):
    actions.register_action(REVOKE_ACTION, _("Revoke"), _("Revoked"))


@hooks.register("before_delete_snippet")
def refuse_deleting_referenced_documents(request, instances):
    return refuse_deleting_referenced(request, instances)


@hooks.register("before_serve_document")
def keep_unpublished_files_inside(document, request):
    """``None`` lets the file through (``serving.may_open_document``)."""
    if may_open_document(request.user, document, request=request):
        return None
    # Wagtail's own answer to its collection privacy: a login or password form.
    response = check_view_restrictions(document, request)
    if response is not None:
        return response
    if not request.user.is_authenticated:
        return require_wagtail_login(next=request.get_full_path())
    raise PermissionDenied


@hooks.register("construct_snippet_action_menu")
def drop_refused_publish(menu_items, request, context):
    drop_refused_publish_item(menu_items, request, context)

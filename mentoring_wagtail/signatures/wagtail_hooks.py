"""The signatures' hooks: admin URLs and buttons, log actions, and what they
add to the public registry (each record's mark, the signature check pages)."""

from django.urls import include, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from ..access.permissions import is_guarded
from ..approvals.familiarisation import user_can
from ..documents.registry import ROUTES_HOOK
from .admin import views as admin_views
from .admin.views import signatures_url
from .views import download_qualified, verify_signature


@hooks.register(ROUTES_HOOK)
def signature_check_routes():
    """The registry page's ``signature/<key>/`` check and its ``.sig`` file."""
    return [
        path("signature/<str:key>/", verify_signature, name="signature"),
        path("signature/<str:key>/sig/", download_qualified, name="signature_file"),
    ]


@hooks.register("register_admin_urls")
def register_signature_urls():
    return [
        path(
            "mentoring/signatures/",
            include(admin_views, namespace="mentoring_signatures"),
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def signature_listing_buttons(snippet, user, next_url=None):
    if not is_guarded(type(snippet)) or not hasattr(snippet, "primary_file"):
        return []
    if not user_can(user, ["view", "change"], snippet):
        return []
    return [
        Button(
            _("Electronic signatures"),
            signatures_url(snippet),
            icon_name="key",
            priority=92,
        )
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action("mentoring_wagtail.simple_signature")
    class SimpleSignatureFormatter(LogFormatter):
        label = gettext_lazy("Signed with a simple electronic signature")

        def format_message(self, log_entry):
            return _("Simple electronic signature applied; key %(key)s") % {
                "key": (log_entry.data or {}).get("key", "")
            }

    @actions.register_action("mentoring_wagtail.signed_file_replaced")
    class FileReplacedFormatter(LogFormatter):
        label = gettext_lazy("Signed file replaced")

        def format_message(self, log_entry):
            return _(
                "The signed file was replaced; the signature mark %(key)s is "
                "no longer shown until the document is signed again"
            ) % {"key": (log_entry.data or {}).get("key", "")}

    @actions.register_action("mentoring_wagtail.qualified_signature")
    class QualifiedFormatter(LogFormatter):
        label = gettext_lazy("Qualified signature attached")

        def format_message(self, log_entry):
            return _("Qualified electronic signature attached: %(owner)s") % {
                "owner": (log_entry.data or {}).get("owner", "")
            }

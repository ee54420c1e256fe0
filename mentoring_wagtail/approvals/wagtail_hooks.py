"""The approvals' hooks, imported by the app's ``wagtail_hooks``: bodies here,
the admin pieces they use in ``admin/``."""

from django.urls import include, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from ..section.models import NEW_PAGE_WORKFLOW_HOOK
from .admin import familiarisation, sign_off_view
from .admin import hooks as admin_hooks
from .admin.dashboard import construct_homepage_panels
from .admin.new_page_route import name_the_route_on_add, start_route_of_new_page
from .admin.workflow_action import after_page_workflow_action
from .routes import route_of_page_type

# A page not saved yet is offered its type's route (section.models).
hooks.register(NEW_PAGE_WORKFLOW_HOOK, route_of_page_type)


# Approval routes, per-object rights, familiarisation (issue 5).
@hooks.register("register_admin_urls")
def register_approval_urls():
    return [
        path(
            "mentoring/familiarisation/",
            include(familiarisation, namespace="mentoring_familiarisation"),
        ),
        path(
            "mentoring/sign-off/",
            include(sign_off_view, namespace="mentoring_sign_off"),
        ),
    ]


# «Доступ» and «Ознакомление» in a guarded snippet's edit header
# (access.admin.guarded asks this hook).
@hooks.register("register_mentoring_object_header_buttons")
def approval_object_header_buttons(obj, user, priority):
    return admin_hooks.object_buttons(obj, user, priority=priority)


@hooks.register("register_log_actions")
def register_approval_log_actions(actions):
    # Sign-off, familiarisation and sharing land in the object's history
    # (Wagtail logs workflow steps, comments and publication itself).
    @actions.register_action("mentoring_wagtail.sign_off")
    class SignOffFormatter(LogFormatter):
        label = gettext_lazy("Signed by the director")

        def format_message(self, log_entry):
            number = (log_entry.data or {}).get("number")
            if number:
                return _("Signed; registration number %(number)s") % {"number": number}
            return _("Signed")

    actions.register_action(
        "mentoring_wagtail.familiarisation_requested",
        gettext_lazy("Familiarisation requested"),
        gettext_lazy("Staff asked to acknowledge the document"),
    )
    actions.register_action(
        "mentoring_wagtail.acknowledge",
        gettext_lazy("Acknowledged"),
        gettext_lazy("Acknowledged the document"),
    )

    class SharingFormatter(LogFormatter):
        template = ""

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return self.template % {
                "whom": data.get("whom", ""),
                "rights": ", ".join(data.get("rights", [])),
            }

    @actions.register_action("mentoring_wagtail.sharing.grant")
    class GrantFormatter(SharingFormatter):
        label = gettext_lazy("Access granted")

        @property
        def template(self):
            return _("Access granted to %(whom)s: %(rights)s")

    @actions.register_action("mentoring_wagtail.sharing.revoke")
    class RevokeFormatter(SharingFormatter):
        label = gettext_lazy("Access revoked")

        @property
        def template(self):
            return _("Access revoked from %(whom)s: %(rights)s")


@hooks.register("after_edit_page")
def confirm_page_workflow_action(request, page):
    return after_page_workflow_action(request, page)


@hooks.register("construct_homepage_panels")
def add_mentoring_homepage_panels(request, panels):
    construct_homepage_panels(request, panels)


@hooks.register("register_snippet_listing_buttons")
def sharing_snippet_listing_buttons(snippet, user, next_url=None):
    return admin_hooks.snippet_listing_buttons(snippet, user, next_url)


@hooks.register("register_page_header_buttons")
def sharing_page_header_buttons(page, user, view_name=None, next_url=None):
    return admin_hooks.page_header_buttons(page, user, view_name, next_url)


@hooks.register("before_edit_snippet")
def check_object_rights_on_edit(request, instance):
    return admin_hooks.check_edit_snippet(request, instance)


@hooks.register("before_delete_snippet")
def check_object_rights_on_delete(request, instances):
    return admin_hooks.check_delete_snippet(request, instances)


@hooks.register("before_publish_page")
def refuse_publishing_page_past_the_route(request, page):
    return admin_hooks.refuse_publishing_past_the_route(request, page)


@hooks.register("before_publish")
def refuse_publishing_snippet_past_the_route(request, obj):
    return admin_hooks.refuse_publishing_past_the_route(request, obj)


@hooks.register("construct_page_action_menu")
@hooks.register("construct_snippet_action_menu")
def hide_publish_past_the_route(menu_items, request, context):
    admin_hooks.hide_publish_past_the_route(menu_items, request, context)


@hooks.register("construct_page_action_menu")
def name_the_route_on_the_add_form(menu_items, request, context):
    name_the_route_on_add(menu_items, request, context)


@hooks.register("after_create_page")
def submit_a_new_page_to_its_route(request, page):
    return start_route_of_new_page(request, page)

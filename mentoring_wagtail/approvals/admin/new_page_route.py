"""The add form of a page names the route the new page will follow.

Wagtail labels «Отправить в …» on the add form with the parent page's
workflow (the tree's «Moderators approval», whose group has no members),
although the page, once saved, follows its type's route
(``section.models.MentoringPageMixin.get_workflow``). The button says so.

Where the tree above has no route at all (a site that switched «Moderators
approval» off, or whose root never had it), Wagtail showed no «Отправить»
on the add form: the curator could only save a draft and look for the
button again in the editor. The add form offers the route of the page's type
then, and ``start_route_of_new_page`` (``after_create_page``) starts it,
since Wagtail's add view submits only when the parent has a workflow.
"""

from django.apps import apps
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.action_menu import SubmitForModerationMenuItem

from ..routes import route_of_page_type


class SubmitToRouteMenuItem(SubmitForModerationMenuItem):
    def __init__(self, workflow, order):
        super().__init__(order=order)
        self.workflow = workflow

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["label"] = _("Submit to %(workflow_name)s") % {
            "workflow_name": self.workflow.name
        }
        return context


def _model_of_add_view(request):
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}
    try:
        return apps.get_model(
            kwargs["content_type_app_name"], kwargs["content_type_model_name"]
        )
    except (KeyError, LookupError):
        return None


def name_the_route_on_add(menu_items, request, context):
    """``construct_page_action_menu``: on the add form only."""
    if context.get("view") != "create":
        return
    model = _model_of_add_view(request)
    if model is None:
        return
    workflow = route_of_page_type(model())
    if workflow is None:
        return
    for index, item in enumerate(menu_items):
        if item.name == "action-submit":
            menu_items[index] = SubmitToRouteMenuItem(workflow, item.order)
            return
    # No route in the tree above: Wagtail offers none; the type's route is.
    menu_items.append(SubmitToRouteMenuItem(workflow, SUBMIT_ORDER))


# Where Wagtail's own «Отправить» stands in the add form's menu.
SUBMIT_ORDER = 60


def start_route_of_new_page(request, page):
    """``after_create_page``: «Отправить в …» pressed on the add form of a page
    whose parent has no workflow (Wagtail's add view then only saves the draft)."""
    if not request.POST.get("action-submit") or page.workflow_in_progress:
        return None
    workflow = page.get_workflow()  # (assigned when saved: ``routes``)
    if workflow is None or not workflow.active:
        return None
    workflow.start(page, request.user)
    messages.success(
        request,
        _("Page '%(page_title)s' created and submitted for moderation.")
        % {"page_title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)

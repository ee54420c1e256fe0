"""The add form of a page names the route the new page will follow.

Wagtail labels «Отправить в …» on the add form with the parent page's
workflow (the tree's «Moderators approval», whose group has no members),
although the page, once saved, follows its type's route
(``section.models.MentoringPageMixin.get_workflow``). The button says so.
"""

from django.apps import apps
from django.utils.translation import gettext as _
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

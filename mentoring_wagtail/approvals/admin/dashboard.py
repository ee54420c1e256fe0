"""Panels of the admin's home page (``construct_homepage_panels``).

Everyone asked to acknowledge a document sees it with an «Ознакомлен(а)»
button; curators and the director also get execution control: roadmap
activities due soon or overdue, orders awaiting signature, and what waits
for them in a workflow step.
"""

from django.contrib.contenttypes.models import ContentType
from django.middleware.csrf import get_token
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

from ...access.site_roles import role_of_group_name
from ...conf import get_setting
from ..execution_control import awaiting_signature_for, due_activities_for
from ..familiarisation import is_in_force, public_url
from ..models import Acknowledgement, DirectorSignOffTask

EXECUTION_ROLES = ("curator", "director")
LIMIT = 20


class PendingAcknowledgementsPanel(Component):
    name = "mentoring_pending_acknowledgements"
    order = 90
    template_name = "mentoring_wagtail/approvals/pending_acknowledgements.html"

    def __init__(self, request, rows):
        self.request = request
        self.rows = rows

    def get_context_data(self, parent_context=None):
        items = [
            {"row": row, "object": obj, "url": public_url(obj)}
            for row in self.rows
            if (obj := row.content_object) is not None and is_in_force(obj)
        ]
        return {
            "items": items,
            "csrf_token": get_token(self.request),
            "next": self.request.get_full_path(),
        }


class ExecutionControlPanel(Component):
    name = "mentoring_execution_control"
    order = 95
    template_name = "mentoring_wagtail/approvals/execution_control.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        within_days = get_setting("DASHBOARD_DUE_WITHIN_DAYS")
        # What waits in the user's own workflow steps is in Wagtail's panel
        # «В ожидании вашего отзыва»; it is not repeated here.
        return {
            "activities": due_activities_for(user, within_days),
            "awaiting_signature": awaiting_signature_for(user),
            "within_days": within_days,
        }


class ObjectsToModerateWithoutSignOffPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's «В ожидании вашего отзыва» without the sign-off steps.

    Those are listed once, in «Ожидают подписи директора», with what is
    still missing for the signature.
    """

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        sign_off_type = ContentType.objects.get_for_model(DirectorSignOffTask)
        context["states"] = [
            item
            for item in context["states"]
            if item["task_state"].task.content_type_id != sign_off_type.pk
        ]
        return context


def sees_execution_control(user):
    if user.is_superuser:
        return True
    names = user.groups.values_list("name", flat=True)
    return any(role_of_group_name(name) in EXECUTION_ROLES for name in names)


def construct_homepage_panels(request, panels):
    rows = list(
        Acknowledgement.objects.filter(user=request.user)
        .pending()
        .select_related("content_type")
        .order_by("requested_at")[:LIMIT]
    )
    if rows:
        panels.append(PendingAcknowledgementsPanel(request, rows))
    if sees_execution_control(request.user):
        panels.append(ExecutionControlPanel(request))
        for index, panel in enumerate(panels):
            if type(panel) is WorkflowObjectsToModeratePanel:
                panels[index] = ObjectsToModerateWithoutSignOffPanel()

"""Panels of the admin's home page (``construct_homepage_panels``).

Everyone asked to acknowledge a document sees it with an «Ознакомлен(а)»
button; curators and the director also get execution control: roadmap
activities due soon or overdue, orders awaiting signature, and what waits
for them in a workflow step.
"""

from django.middleware.csrf import get_token
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

from ..conf import get_setting
from ..models.workflow import Acknowledgement, DirectorSignOffTask
from ..roles import get_role
from .familiarisation import is_in_force, public_url

EXECUTION_ROLES = ("curator", "director")
LIMIT = 20


class PendingAcknowledgementsPanel(Component):
    name = "mentoring_pending_acknowledgements"
    order = 90
    template_name = "mentoring_wagtail/panels/pending_acknowledgements.html"

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
    template_name = "mentoring_wagtail/panels/execution_control.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from ..models import get_due_activities

        user = self.request.user
        finder = AdminURLFinder(user)
        within_days = get_setting("DASHBOARD_DUE_WITHIN_DAYS")
        activities = get_due_activities(within_days=within_days)[:LIMIT]
        awaiting_signature = []
        for state in (
            TaskState.objects.filter(
                status=TaskState.STATUS_IN_PROGRESS,
                task__in=DirectorSignOffTask.objects.all(),
            )
            .select_related("workflow_state")
            .order_by("started_at")[:LIMIT]
        ):
            obj = state.workflow_state.content_object
            if obj is not None:
                awaiting_signature.append(
                    {
                        "object": obj,
                        "url": finder.get_edit_url(obj),
                        "since": state.started_at,
                    }
                )
        my_steps = []
        for state in (
            TaskState.objects.reviewable_by(user)
            .select_related("workflow_state", "task")
            .order_by("started_at")[:LIMIT]
        ):
            obj = state.workflow_state.content_object
            if obj is not None:
                my_steps.append(
                    {
                        "object": obj,
                        "task": state.task,
                        "url": finder.get_edit_url(obj),
                        "since": state.started_at,
                    }
                )
        return {
            "activities": activities,
            "awaiting_signature": awaiting_signature,
            "my_steps": my_steps,
            "within_days": within_days,
        }


def sees_execution_control(user):
    if user.is_superuser:
        return True
    names = [get_role(key).name for key in EXECUTION_ROLES]
    return user.groups.filter(name__in=names).exists()


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

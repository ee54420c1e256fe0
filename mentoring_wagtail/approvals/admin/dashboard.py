"""Panels of the admin's home page (``construct_homepage_panels``).

Everyone asked to acknowledge a document sees it with an «Ознакомлен(а)»
button; curators and the director also get execution control: roadmap
activities due soon or overdue, orders awaiting signature, and what waits
for them in a workflow step.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.middleware.csrf import get_token
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import AbstractGroupApprovalTask

from ...access.site_roles import role_of_group_name
from ...conf import get_setting
from ..execution_control import awaiting_signature_for, due_activities_for
from ..familiarisation import is_in_force, public_url
from ..models import Acknowledgement, DirectorSignOffTask
from .review_panel import ObjectsToModeratePanel

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


class ObjectsToModerateWithoutSignOffPanel(ObjectsToModeratePanel):
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


# Where Wagtail keeps, on the user, whether they are in a group approval
# task's groups (``AbstractGroupApprovalTask._user_in_groups``).
GROUP_CHECKS_CACHE = "_group_approval_task_checks"


def prime_group_approval_checks(user):
    """Answer Wagtail's «is the user in this task's groups» for every group
    approval task at once.

    Wagtail's «Awaiting your review» panel asks it once per active task, one
    query each; an installation of fifty schools has five routes' steps per
    school (``approvals.routes``), so the dashboard would make hundreds of
    queries. Filled here, in one query per task model, Wagtail reads the
    answers from the user's cache. Should Wagtail rename its cache, the panel
    only goes back to asking per task (``tests/access/test_many_schools.py``
    would say so).
    """
    if user.is_superuser or getattr(user, GROUP_CHECKS_CACHE, None):
        return
    user_groups = user.groups.values("pk")
    checks = {}
    for model in apps.get_models():
        if not issubclass(model, AbstractGroupApprovalTask):
            continue
        through = model.groups.through
        task_field = model.groups.field.m2m_field_name()
        mine = through.objects.filter(
            **{task_field: OuterRef("pk")}, group__in=user_groups
        )
        checks.update(
            model.objects.filter(active=True)
            .annotate(mine=Exists(mine))
            .values_list("pk", "mine")
        )
    setattr(user, GROUP_CHECKS_CACHE, checks)


def construct_homepage_panels(request, panels):
    prime_group_approval_checks(request.user)
    rows = list(
        Acknowledgement.objects.filter(user=request.user)
        .pending()
        .select_related("content_type")
        .order_by("requested_at")[:LIMIT]
    )
    if rows:
        panels.append(PendingAcknowledgementsPanel(request, rows))
    review_panel = ObjectsToModeratePanel
    if sees_execution_control(request.user):
        panels.append(ExecutionControlPanel(request))
        review_panel = ObjectsToModerateWithoutSignOffPanel
    for index, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            panels[index] = review_panel()

"""Wagtail's «В ожидании вашего отзыва» panel without a loop over every school's steps.

Wagtail's panel (``WorkflowObjectsToModeratePanel``) finds what waits for the
user with ``TaskState.objects.reviewable_by``, which loads every active task
of the installation and asks each in Python: fifty schools have five steps
each (``approvals.routes``), so a school's curator's dashboard grew with
every other school. Here a group approval step whose groups the user is not
in is left out in the query (it would answer «nothing» for such a user), and
the loop runs over the user's own steps and any other kind of task, as
Wagtail's does. The rest is Wagtail's panel unchanged.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import AbstractGroupApprovalTask, Page, Revision, Task, TaskState


def _plain_group_task_models():
    """Group approval task models that keep Wagtail's rule for who reviews."""
    rule = AbstractGroupApprovalTask.get_task_states_user_can_moderate
    return [
        model
        for model in apps.get_models()
        if issubclass(model, AbstractGroupApprovalTask)
        and model.get_task_states_user_can_moderate is rule
    ]


def reviewable_task_states(user):
    """What ``TaskState.objects.reviewable_by(user)`` answers, asking only
    the tasks that can give ``user`` something."""
    tasks = Task.objects.filter(active=True)
    if not user.is_superuser:
        user_groups = user.groups.values("pk")
        for model in _plain_group_task_models():
            field = model.groups.field.m2m_field_name()
            mine = model.groups.through.objects.filter(group__in=user_groups)
            tasks = tasks.exclude(
                Q(content_type=ContentType.objects.get_for_model(model))
                & ~Q(pk__in=mine.values(field))
            )
    states = TaskState.objects.none()
    for task in tasks.specific():
        states = states | task.get_task_states_user_can_moderate(user=user)
    return states


class ObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    """Wagtail 8's panel; only the query of the task states differs."""

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super(WorkflowObjectsToModeratePanel, self).get_context_data(
            parent_context
        )
        context["states"] = []
        context["request"] = request
        context["csrf_token"] = parent_context["csrf_token"]
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return context
        states = (
            reviewable_task_states(request.user)
            .select_related(
                "revision",
                "revision__user",
                "workflow_state",
                "workflow_state__workflow",
            )
            .prefetch_related(
                "revision__content_object",
                "revision__content_object__latest_revision",
            )
            .order_by("-started_at")
            .annotate(
                previous_revision_id=Revision.objects.previous_revision_id_subquery(),
            )
        )
        for state in states:
            obj = state.revision.content_object
            if not obj:  # the revision's object was deleted
                continue
            context["states"].append(self._state_item(state, obj, request.user))
        return context

    def _state_item(self, state, obj, user):
        action_url_name = "wagtailadmin_pages:workflow_action"
        preview_url_name = "wagtailadmin_pages:workflow_preview"
        compare_url_name = "wagtailadmin_pages:revisions_compare"
        if not isinstance(obj, Page):  # snippets have workflows too
            viewset = obj.snippet_viewset
            action_url_name = viewset.get_url_name("workflow_action")
            preview_url_name = viewset.get_url_name("workflow_preview")
            compare_url_name = viewset.get_url_name("revisions_compare")
        if not getattr(obj, "is_previewable", False):
            preview_url_name = None
        return {
            "obj": obj,
            "revision": state.revision,
            "previous_revision_id": state.previous_revision_id,
            "live_revision_id": obj.live_revision_id,
            "task_state": state,
            "actions": state.task.specific.get_actions(obj, user),
            "workflow_tasks": state.workflow_state.all_tasks_with_status(),
            "workflow_action_url_name": action_url_name,
            "workflow_preview_url_name": preview_url_name,
            "revisions_compare_url_name": compare_url_name,
        }

"""The lifecycle status of an official document, as Russian EDMS users know it.

Черновик → На согласовании (step) → На подписании → Действует → Отменён /
Утратил силу, with «На доработке» when a reviewer sent it back. It is read
from Wagtail's own state only: ``live``, the workflow state and its current
task (the director's sign-off task is «на подписании»), revocation and
supersession or expiry. The same rule is written twice, once as SQL
(:func:`lifecycle_expression`, for the listing filter, sorting and one query
per page) and once in Python (:func:`lifecycle_status`, for a single object);
the tests hold them to the same answer for every state.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case as CaseExpression
from django.db.models import (
    CharField,
    Exists,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, WorkflowState

DRAFT = "draft"
IN_REVIEW = "in_review"
NEEDS_CHANGES = "needs_changes"
SIGNING = "signing"
IN_FORCE = "in_force"
REVOKED = "revoked"
EXPIRED = "expired"

LIFECYCLE_CHOICES = [
    (DRAFT, _("draft")),
    (IN_REVIEW, _("under approval")),
    (NEEDS_CHANGES, _("returned for changes")),
    (SIGNING, _("awaiting signature")),
    (IN_FORCE, _("in force")),
    (REVOKED, _("revoked")),
    (EXPIRED, _("no longer in force")),
]
LABELS = dict(LIFECYCLE_CHOICES)


def signing_task_type_ids():
    """Content type ids of the steps that are the signature itself.

    A task type says so itself with ``signs_the_document = True`` (the
    approvals' director sign-off): the documents name no task of a floor above.
    """
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, Task) and getattr(model, "signs_the_document", False)
    ]
    # Content types are cached by Django after the first request.
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def is_signing_task(task):
    return task.content_type_id in signing_task_type_ids()


def _workflow_states(model):
    return WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(
            model._meta.get_parent_list()[-1] if model._meta.parents else model
        ),
        object_id=Cast(OuterRef("pk"), CharField()),
    )


def _revoked_q(today):
    return Q(revoked_on__isnull=False, revoked_on__lte=today)


def lifecycle_expression(model, today=None):
    """An SQL expression giving each row's lifecycle status."""
    today = today or timezone.localdate()
    states = _workflow_states(model)
    in_progress = states.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    return CaseExpression(
        When(_revoked_q(today), then=Value(REVOKED)),
        When(Q(live=True) & model.expired_q(today), then=Value(EXPIRED)),
        When(live=True, then=Value(IN_FORCE)),
        When(
            Exists(
                in_progress.filter(
                    current_task_state__task__content_type__in=signing_task_type_ids()
                )
            ),
            then=Value(SIGNING),
        ),
        When(Exists(in_progress), then=Value(IN_REVIEW)),
        When(
            Exists(states.filter(status=WorkflowState.STATUS_NEEDS_CHANGES)),
            then=Value(NEEDS_CHANGES),
        ),
        default=Value(DRAFT),
        output_field=CharField(),
    )


def current_step_expression(model):
    """The name of the workflow step the row waits in, if any."""
    return Subquery(
        _workflow_states(model)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .values("current_task_state__task__name")[:1]
    )


def with_lifecycle(queryset, today=None):
    """``queryset`` with ``_lifecycle`` and ``_lifecycle_step`` on every row."""
    return queryset.annotate(
        _lifecycle=lifecycle_expression(queryset.model, today),
        _lifecycle_step=current_step_expression(queryset.model),
    )


def filter_by_lifecycle(queryset, status, today=None):
    return queryset.alias(
        lifecycle_filter=lifecycle_expression(queryset.model, today)
    ).filter(lifecycle_filter=status)


def lifecycle_status(obj, today=None):
    """The status of one object: from the annotation if the listing made it."""
    if "_lifecycle" in obj.__dict__:
        return obj.__dict__["_lifecycle"]
    today = today or timezone.localdate()
    if obj.revoked_on and obj.revoked_on <= today:
        return REVOKED
    if obj.live:
        return EXPIRED if obj.is_expired(today) else IN_FORCE
    state = obj.current_workflow_state if obj.pk else None
    if state is None:
        return DRAFT
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return NEEDS_CHANGES
    task = state.current_task_state.task if state.current_task_state else None
    if task is not None and is_signing_task(task):
        return SIGNING
    return IN_REVIEW


def current_step_name(obj):
    if "_lifecycle_step" in obj.__dict__:
        return obj.__dict__["_lifecycle_step"] or ""
    state = obj.current_workflow_state if obj.pk else None
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return ""
    task_state = state.current_task_state
    return task_state.task.name if task_state else ""


def lifecycle_label(obj, today=None):
    """«На согласовании: Проверка куратором», «Действует», …"""
    status = lifecycle_status(obj, today)
    label = str(LABELS[status])
    if status == IN_REVIEW:
        step = current_step_name(obj)
        if step:
            label = gettext("%(status)s: %(step)s") % {"status": label, "step": step}
    return label[:1].upper() + label[1:]

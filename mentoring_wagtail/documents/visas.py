"""Approval visas («СОГЛАСОВАНО») of a document, from its approval route.

Wagtail's workflow records who approved each step and when (``TaskState``);
the visas are the approved steps of the document's latest run, except the
sign-off (a task type with ``signs_the_document``), which is the signature
itself. The position is the approver's own (the ``mentoring_staff_details``
hook) when the site keeps it, the step's name otherwise.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import TaskState, WorkflowState

from ..staff_details import staff_details
from .lifecycle import is_signing_task


@dataclass(frozen=True)
class Visa:
    position: str
    name: str
    date: str

    def text(self):
        return f"{self.position} ____________ {self.name} {self.date}".strip()


def short_name(user):
    """«Иванова А. П.» from the user's names, as a signature is transcribed."""
    last, first = user.last_name.strip(), user.first_name.strip()
    if not last:
        return user.get_full_name() or user.get_username()
    initials = " ".join(f"{part[0]}." for part in first.split()[:2] if part)
    return f"{initials} {last}".strip() if initials else last


def _positions(users):
    return staff_details(users, "position")


def visas_for(obj):
    """``[Visa]`` of ``obj``'s latest approval run, in the order given."""
    if obj is None or obj.pk is None:
        return []
    state = (
        WorkflowState.objects.for_instance(obj).order_by("-created_at", "-pk").first()
    )
    if state is None:
        return []
    steps = [
        step
        for step in TaskState.objects.filter(
            workflow_state=state, status=TaskState.STATUS_APPROVED
        )
        .select_related("task", "finished_by")
        .order_by("finished_at", "pk")
        if step.finished_by_id and not is_signing_task(step.task)
    ]
    positions = _positions([step.finished_by for step in steps])
    return [
        Visa(
            position=positions.get(step.finished_by_id) or step.task.name,
            name=short_name(step.finished_by),
            date=date_format(timezone.localtime(step.finished_at), "d.m.Y")
            if step.finished_at
            else "",
        )
        for step in steps
    ]

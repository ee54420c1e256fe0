"""The director's sign-off: one short screen with one «Подписать» button.

Signing used to mean finding «Одобрить и Опубликовать» among five actions at
the foot of a full editing form. This screen shows what is signed (title,
kind, number, signatory), links the signed scan, says what is still missing,
and takes the route's own «approve» action (``DirectorSignOffTask.on_action``,
so the ``SignOff`` row, the log and publication happen as in the editor).
Only the step's reviewers may open it; to return the document for changes
they open the full document.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from wagtail.admin import messages
from wagtail.models import TaskState

from ..execution_control import edit_url
from ..models import DirectorSignOffTask, latest_version
from .workflow_action import CONFIRMATIONS

app_name = "mentoring_sign_off"


def _step(task_state_id):
    state = get_object_or_404(
        TaskState.objects.select_related("workflow_state"),
        pk=task_state_id,
        status=TaskState.STATUS_IN_PROGRESS,
    )
    task = state.task.specific
    if not isinstance(task, DirectorSignOffTask):
        raise Http404
    obj = state.workflow_state.content_object
    if obj is None:
        raise Http404
    if hasattr(obj, "specific"):
        obj = obj.specific
    return state, task, obj


def _title(obj):
    if hasattr(obj, "get_admin_display_title"):
        return obj.get_admin_display_title()
    return getattr(obj, "notification_title", str(obj))


def sign_off_url(task_state):
    return reverse("mentoring_sign_off:sign_off", args=[task_state.pk])


def sign_off_view(request, task_state_id):
    state, task, obj = _step(task_state_id)
    if not (request.user.is_superuser or task._user_in_groups(request.user)):
        raise PermissionDenied
    problems = task.get_sign_off_problems(obj)
    can_sign = "approve" in {
        name for name, *_rest in task.get_actions(obj, request.user)
    }
    if request.method == "POST":
        if not can_sign:
            messages.error(
                request,
                gettext("The document cannot be signed yet: %(problems)s.")
                % {"problems": "; ".join(problems)},
            )
            return redirect(request.get_full_path())
        task.on_action(state, request.user, "approve")
        messages.success(
            request,
            CONFIRMATIONS["approve"]() % {"title": _title(obj), "task": task.name},
        )
        return redirect("wagtailadmin_home")
    latest = latest_version(obj)
    scan = getattr(latest, "signed_scan", None)
    return TemplateResponse(
        request,
        "mentoring_wagtail/approvals/sign_off.html",
        {
            "object": latest,
            "title": _title(latest),
            "kind": latest._meta.verbose_name,
            "number": getattr(latest, "number", ""),
            "date": getattr(latest, "date", None),
            "signatory": getattr(latest, "signatory_line", ""),
            "scan": scan,
            "problems": problems,
            "can_sign": can_sign,
            "task": task,
            "edit_url": edit_url(obj),
            "header_title": gettext("Sign: %(title)s") % {"title": _title(latest)},
        },
    )


urlpatterns = [path("<int:task_state_id>/", sign_off_view, name="sign_off")]

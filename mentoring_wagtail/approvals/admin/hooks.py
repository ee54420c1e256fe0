"""What the approvals' hooks (``wagtail_hooks.py``) do in the admin.

- «Доступ» and «Ознакомление» buttons on guarded snippets and on pages;
- a last line of defence for snippet edit/delete views of guarded models
  whose viewset does not use ``access.admin.guarded`` yet;
- the refusal, with its reason, of a sign-off without number or scan.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.widgets import Button
from wagtail.models import Page, Workflow

from ...access.permissions import get_policy, is_guarded
from ...access.sharing import sharing_url, user_can_share
from ..familiarisation import familiarisation_url, user_can
from ..models import DirectorSignOffTask
from ..routes import DEFAULT_WORKFLOWS, page_models_of


def object_buttons(obj, user, priority=90):
    buttons = []
    if user_can_share(user, obj):
        buttons.append(
            Button(_("Access"), sharing_url(obj), icon_name="key", priority=priority)
        )
    if not isinstance(obj, Page) and hasattr(obj, "signed_scan"):
        if user_can(user, ["view", "change"], obj):
            buttons.append(
                Button(
                    _("Familiarisation"),
                    familiarisation_url(obj),
                    icon_name="tasks",
                    priority=priority + 1,
                )
            )
    return buttons


def snippet_listing_buttons(snippet, user, next_url=None):
    if not is_guarded(type(snippet)):
        return []
    return object_buttons(snippet, user)


def page_header_buttons(page, user, view_name=None, next_url=None):
    return object_buttons(page, user)


def _allowed(request, action, instance):
    policy = get_policy(type(instance))
    if policy.user_has_permission_for_instance(request.user, action, instance):
        return True
    task = getattr(instance, "current_workflow_task", None)
    return bool(
        action == "change"
        and task
        and task.user_can_access_editor(instance, request.user)
    )


def check_edit_snippet(request, instance):
    """``before_edit_snippet``: per-object rights, then the sign-off rule."""
    if not is_guarded(type(instance)):
        return None
    if not _allowed(request, "change", instance):
        raise PermissionDenied
    return refuse_sign_off_without_requisites(request, instance)


def check_delete_snippet(request, instances):
    for instance in instances:
        if is_guarded(type(instance)) and not _allowed(request, "delete", instance):
            raise PermissionDenied
    return None


def refuse_sign_off_without_requisites(request, instance):
    task = getattr(instance, "current_workflow_task", None)
    if not isinstance(task, DirectorSignOffTask):
        return None
    if not (request.user.is_superuser or task._user_in_groups(request.user)):
        return None
    problems = task.get_sign_off_problems(instance)
    if not problems:
        return None
    message = _("The document cannot be signed yet: %(problems)s.") % {
        "problems": "; ".join(problems)
    }
    wants_approval = (
        request.method == "POST"
        and request.POST.get("workflow-action-name") == "approve"
    )
    if wants_approval:
        messages.error(request, message)
        return redirect(request.get_full_path())
    # On GET the edit form says it itself (``sign_off_panel``), on every visit.
    return None


# Nothing official goes public past its route ---------------------------------


def route_for(obj):
    """The active workflow an object of this package must pass, if any."""
    if obj is None or obj._meta.app_label != "mentoring_wagtail":
        return None
    if not hasattr(obj, "get_workflow"):
        return None
    if isinstance(obj, Page) and obj.pk is None:
        names = [
            s.name for s in DEFAULT_WORKFLOWS if obj._meta.label in page_models_of(s)
        ]
        return Workflow.objects.filter(name__in=names, active=True).first()
    workflow = obj.get_workflow()
    return workflow if workflow is not None and workflow.active else None


def may_publish_directly(user, obj):
    """Only a superuser publishes past an active route.

    The reviewers of the route's last step (the director) used to be offered
    «Опубликовать» too, beside «Одобрить и Опубликовать»: a publish without
    the sign-off, its number, scan and record. They sign on the route instead
    (``sign_off_view``).
    """
    return route_for(obj) is None or user.is_superuser


def refuse_publishing_past_the_route(request, obj):
    """``before_publish_page`` / ``before_publish``: send it along its route."""
    if may_publish_directly(request.user, obj):
        return None
    messages.error(
        request,
        _(
            "«%(title)s» is published through the route «%(workflow)s»: submit it "
            "for approval instead. Your changes were saved as a draft."
        )
        % {"title": str(obj), "workflow": route_for(obj).name},
    )
    return redirect(request.get_full_path())


def hide_publish_past_the_route(menu_items, request, context):
    """``construct_*_action_menu``: no «Опубликовать» for who must submit."""
    obj = context.get("page") or context.get("instance")
    if obj is None or may_publish_directly(request.user, obj):
        return
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]

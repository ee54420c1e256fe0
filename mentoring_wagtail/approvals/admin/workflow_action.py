"""A workflow action taken on an official document is confirmed.

Wagtail's workflow action view (used by the dashboard's «Одобрить» and by the
editor's workflow menu) redirects without a word; the person approving or
returning a document then cannot tell whether it worked. This view adds the
confirmation, in the messages shown on the page it returns to.

The editor's footer («Одобрить и Опубликовать») takes the action through the
edit view instead, which said only Wagtail's «Приказ '…' обновлена»: the
director signing an order read neither that it was signed nor a Russian
sentence. The edit view says what the dashboard says.
"""

from django.shortcuts import redirect
from django.utils.translation import gettext
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.views.snippets import WorkflowActionView

CONFIRMATIONS = {
    "approve": lambda: gettext("%(title)s: approved at step «%(task)s»."),
    "reject": lambda: gettext("%(title)s: returned for changes at step «%(task)s»."),
}


class ConfirmedWorkflowActionView(WorkflowActionView):
    def post(self, request, *args, **kwargs):
        task_name = self.task.name
        response = super().post(request, *args, **kwargs)
        message = CONFIRMATIONS.get(self.action_name)
        if message is not None and response.status_code in (200, 302):
            title = getattr(self.object, "notification_title", str(self.object))
            messages.success(request, message() % {"title": title, "task": task_name})
        return response


class ConfirmedWorkflowActionEditMixin:
    """For the edit view: a workflow action from the footer is confirmed."""

    def workflow_action_action(self):
        self.workflow_task_name = self.object.current_workflow_task.name
        return super().workflow_action_action()

    def get_success_message(self, instance=None):
        message = CONFIRMATIONS.get(getattr(self, "workflow_action", None))
        if self.action != "workflow-action" or message is None:
            return super().get_success_message(instance)
        obj = instance or self.object
        title = getattr(obj, "notification_title", str(obj))
        return message() % {"title": title, "task": self.workflow_task_name}


def after_page_workflow_action(request, page):
    """A reviewer's approval or return from the page editor's footer.

    Wagtail then says only «Страница '…' обновлена.» and sends the reviewer
    to the parent page's explorer, which a reviewer holding only «view» on the
    section (the methodist) may not open: right after approving they read
    «Извините, но у вас нет доступа в эту область.». Say what was done, and
    return such a reviewer to the dashboard, where their reviews are listed.
    """
    if request.method != "POST" or "action-workflow-action" not in request.POST:
        return None
    message = CONFIRMATIONS.get(request.POST.get("workflow-action-name"))
    task_state = (
        TaskState.objects.for_instance(page)
        .filter(finished_by=request.user)
        .select_related("task")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if message is None or task_state is None:
        return None
    messages.success(
        request,
        message()
        % {"title": page.get_admin_display_title(), "task": task_state.task.name},
    )
    parent = page.get_parent()
    explorable = PagePermissionPolicy().explorable_instances(request.user)
    if (
        get_valid_next_url_from_request(request)
        or explorable.filter(pk=parent.pk).exists()
    ):
        return None
    return redirect("wagtailadmin_home")

"""A workflow action taken on an official document is confirmed.

Wagtail's workflow action view (used by the dashboard's «Одобрить» and by the
editor's workflow menu) redirects without a word; the person approving or
returning a document then cannot tell whether it worked. This view adds the
confirmation, in the messages shown on the page it returns to.
"""

from django.utils.translation import gettext
from wagtail.admin import messages
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

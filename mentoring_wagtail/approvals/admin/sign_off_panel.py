"""Why a document at the director's sign-off cannot be signed yet, in its editor.

The sign-off task refuses approval without the registration number and the
signed scan (``DirectorSignOffTask.get_sign_off_problems``) and then offers
no «approve» action. This panel, at the top of the edit form, says what is
missing while the document waits at that step, to whoever opens it; it is
hidden otherwise.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from ..models import DirectorSignOffTask


def sign_off_problems(instance):
    """What keeps ``instance`` from being signed at its current step (or [])."""
    if instance is None or instance.pk is None:
        return []
    task = getattr(instance, "current_workflow_task", None)
    if not isinstance(task, DirectorSignOffTask):
        return []
    return task.get_sign_off_problems(instance)


class SignOffProblemsPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Cannot be signed yet"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "sign_off_problems"

    class BoundPanel(Panel.BoundPanel):
        template_name = "mentoring_wagtail/approvals/sign_off_problems_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.problems = sign_off_problems(self.instance)

        def is_shown(self):
            return bool(self.problems)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["problems"] = self.problems
            return context

"""«Фоновые задачи»: the recent background jobs, their state, attempts and
error, with «Повторить» for a failed one (logged in Wagtail's audit log).

Shown to whoever holds the jobs' view permission under the package's
permission policy (the installation's operators; no school role has it);
retrying asks the change permission.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn, Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log

from ...access.lookups import get_by_pk_or_404
from ...access.permissions import get_policy
from ..jobs import may_retry, retry_job
from ..models import BackgroundJob, JobState

app_name = "mentoring_background"
RETRIED = "mentoring_wagtail.background_job_retried"


def policy():
    return get_policy(BackgroundJob)


class JobFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("state"), choices=JobState.choices
    )

    class Meta:
        model = BackgroundJob
        fields = ["state"]


class ErrorColumn(Column):
    cell_template_name = "mentoring_wagtail/background/error_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        first, _sep, rest = (instance.error or "").partition("\n")
        context.update(first_line=first, details=rest.strip())
        return context


class RetryColumn(BaseColumn):
    cell_template_name = "mentoring_wagtail/background/retry_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context.update(
            job=instance,
            csrf_token=parent_context.get("csrf_token"),
            may_retry=may_retry(instance)
            and policy().user_has_permission(request.user, "change"),
            url=reverse(f"{app_name}:retry", args=[instance.pk]),
        )
        return context


class JobsReport(ReportView):
    model = BackgroundJob
    page_title = gettext_lazy("Background tasks")
    header_icon = "cogs"
    permission_required = "view"
    filterset_class = JobFilterSet
    index_url_name = f"{app_name}:index"
    index_results_url_name = f"{app_name}:index_results"
    list_export = ["title", "state", "attempts", "created_at", "finished_at", "error"]
    columns = [
        Column("title", label=gettext_lazy("job")),
        Column("get_state_display", label=gettext_lazy("state")),
        Column("attempts", label=gettext_lazy("attempts")),
        DateColumn("created_at", label=gettext_lazy("enqueued at")),
        DateColumn("finished_at", label=gettext_lazy("finished at")),
        Column("user", label=gettext_lazy("started by")),
        ErrorColumn("error", label=gettext_lazy("error")),
        RetryColumn("retry", label=""),
    ]

    @property
    def permission_policy(self):
        return policy()

    def get_queryset(self):
        return BackgroundJob.objects.select_related("user")

    def get_filename(self):
        return "background-tasks"


@require_POST
def retry(request, pk):
    if not policy().user_has_permission(request.user, "change"):
        raise PermissionDenied
    job = get_by_pk_or_404(BackgroundJob, pk)
    if not may_retry(job):
        messages.error(request, _("Only a failed task can be retried."))
        return redirect(f"{app_name}:index")
    retry_job(job)
    log(job, RETRIED, user=request.user, data={"attempts": job.attempts})
    messages.success(
        request, _("The task «%(title)s» is queued again.") % {"title": job.title}
    )
    return redirect(f"{app_name}:index")


urlpatterns = [
    path("", JobsReport.as_view(), name="index"),
    path("results/", JobsReport.as_view(results_only=True), name="index_results"),
    path("<int:pk>/retry/", retry, name="retry"),
]

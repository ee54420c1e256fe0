"""Wagtail's workflow e-mails («передано на согласование», «утверждено»,
«возвращено»), sent by the worker instead of inside the approver's request.

Wagtail connects its notifiers to the workflow signals and sends in the
request; with an SMTP server that is slow or down, approving waits for it
and a failure is only logged. Here Wagtail's notifiers are made to
record a ``BackgroundJob`` per event (recipients fixed at that moment) and
send after the commit. Each recipient is a step of the job: a retry mails
only those not mailed yet, and a mail server's refusal fails the job (it is
retried, then shown on «Фоновые задачи»), where Wagtail would drop it.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import signal_handlers as wagtail_mail
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from ..background.jobs import background_job, enqueue_job

# (signal, sender, Wagtail's dispatch_uid, Wagtail's notifier, our name)
NOTIFIERS = {
    "task_submitted": (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        wagtail_mail.task_submission_email_notifier,
    ),
    "workflow_submitted": (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        wagtail_mail.workflow_submission_email_notifier,
    ),
    "workflow_rejected": (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        wagtail_mail.workflow_rejection_email_notifier,
    ),
    "workflow_approved": (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        wagtail_mail.workflow_approval_email_notifier,
    ),
}


EVENT_LABELS = {
    "task_submitted": gettext_lazy("awaiting your decision"),
    "workflow_submitted": gettext_lazy("submitted to the route"),
    "workflow_rejected": gettext_lazy("sent back for changes"),
    "workflow_approved": gettext_lazy("route completed"),
}


class MailNotSent(Exception):
    pass


@background_job
def send_workflow_notification(job, name, state_pk, user_pk, recipients):
    _signal, sender, _uid, notifier = NOTIFIERS[name]
    instance = sender.objects.filter(pk=state_pk).first()
    if instance is None:  # the workflow was deleted since: nothing to say
        return {"sent": 0}
    user = get_user_model().objects.filter(pk=user_pk).first()
    template_set = notifier.get_template_set(instance, user=user)
    context = notifier.get_context(instance, user=user)
    sent = 0
    for recipient in get_user_model().objects.filter(pk__in=recipients):
        step = f"user:{recipient.pk}"
        if job.step_done(step):
            continue
        # Wagtail's sender logs and swallows a refused mail; it returns False.
        if not notifier.send_emails(template_set, dict(context), [recipient]):
            raise MailNotSent(
                _("The mail server did not accept the message to %(email)s.")
                % {"email": recipient.email}
            )
        job.mark_step(step)
        sent += 1
    return {"sent": sent}


class SendInBackground:
    """Mixed into Wagtail's notifier objects: calling one (as the workflow
    signal does) records the job instead of sending."""

    mentoring_name = ""

    def __call__(self, instance=None, **kwargs):
        user = kwargs.get("user")
        if not self.can_handle(instance, **kwargs):
            return False
        recipients = sorted(
            recipient.pk for recipient in self.get_valid_recipients(instance, **kwargs)
        )
        if not recipients:
            return True
        name = self.mentoring_name
        enqueue_job(
            send_workflow_notification,
            _("E-mail «%(event)s»: %(object)s")
            % {"event": EVENT_LABELS[name], "object": _object_title(instance)},
            key=f"workflow-mail:{name}:{instance.pk}:{_event_stamp(instance)}",
            user=user,
            name=name,
            state_pk=instance.pk,
            user_pk=getattr(user, "pk", None),
            recipients=recipients,
        )
        return True


def _event_stamp(instance):
    """Tells two events of one state apart (a resubmission reuses the
    workflow state): the state's status and the latest task state."""
    if isinstance(instance, WorkflowState):
        return f"{instance.status}:{instance.current_task_state_id}"
    return f"{instance.status}"


def _object_title(instance):
    workflow_state = (
        instance.workflow_state if isinstance(instance, TaskState) else instance
    )
    content = workflow_state.content_object
    return getattr(content, "notification_title", str(content))


def send_in_background():
    """Make Wagtail's own notifier objects enqueue (from ``AppConfig.ready``).

    The workflow signals hold these very objects, connected by the admin
    app's ``ready`` whichever runs first, so their class is swapped rather
    than the receivers: a subclass whose ``__call__`` records the job; the
    job sends through the original class's methods and templates.
    """
    for name, (_signal, _sender, _uid, notifier) in NOTIFIERS.items():
        if isinstance(notifier, SendInBackground):
            continue
        cls = type(notifier)
        notifier.__class__ = type(
            f"Background{cls.__name__}",
            (SendInBackground, cls),
            {"mentoring_name": name},
        )

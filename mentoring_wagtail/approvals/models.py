"""Workflow pieces of the approval routes: the director's sign-off and familiarisation.

``DirectorSignOffTask`` is a Wagtail workflow task («Подписание директором»):
its reviewers are the groups chosen in its form, and «Утвердить» is offered
only once the object (an order) carries its registration number and signed
scan. Approving it writes a ``SignOff`` row: who signed, when, under which
number. ``Acknowledgement`` is one line of a familiarisation sheet (лист
ознакомления): a person who must read a document, and when they did.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import TaskState
from wagtail.models.workflows import AbstractGroupApprovalTask

from mentoring_wagtail.access.site_scope import ThroughObject

from ..access.permissions import get_policy

# Fields of the object the sign-off needs, with the message shown when empty.
SIGN_OFF_FIELDS = {
    "number": _("the registration number is not set"),
    "signed_scan": _("the signed scan is not attached"),
}


def object_reference(obj):
    """The (base content type, object id) pair that points at any model row."""
    if hasattr(obj, "get_base_content_type"):
        content_type = obj.get_base_content_type()
    else:
        content_type = ContentType.objects.get_for_model(obj)
    return content_type, str(obj.pk)


def latest_version(obj):
    """The object as last saved, draft included (a scan uploaded to a draft counts)."""
    prepared = getattr(obj, "_mentoring_latest_version", None)
    if prepared is not None:  # read in bulk by a listing
        return prepared
    if hasattr(obj, "get_latest_revision_as_object") and obj.pk:
        return obj.get_latest_revision_as_object()
    return obj


class DirectorSignOffTask(AbstractGroupApprovalTask):
    # Global by nature: a workflow step (configuration without anyone's data);
    # a per-site task carries its site's mark in its name (``site_roles``).
    mentoring_site_path = None
    # The step that is the signature itself (``documents.lifecycle``: «на
    # подписании»; not a visa on the order).
    signs_the_document = True

    require_number = models.BooleanField(
        _("require the registration number"),
        default=True,
        help_text=_("approval is refused until the registration number is set"),
    )
    require_signed_scan = models.BooleanField(
        _("require the signed scan"),
        default=True,
        help_text=_(
            "approval is refused until the scan of the signed paper is attached"
        ),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + [
        "require_number",
        "require_signed_scan",
    ]
    admin_form_widgets = AbstractGroupApprovalTask.admin_form_widgets

    class Meta:
        verbose_name = _("director's sign-off")
        verbose_name_plural = _("director's sign-offs")

    @classmethod
    def get_description(cls):
        return gettext(
            "Members of the chosen groups sign the document; approval needs the "
            "registration number and the signed scan"
        )

    def get_sign_off_problems(self, obj):
        """Messages saying why ``obj`` cannot be signed yet (empty when it can)."""
        obj = latest_version(obj)
        if hasattr(obj, "get_sign_off_problems"):
            return list(obj.get_sign_off_problems())
        required = {
            "number": self.require_number,
            "signed_scan": self.require_signed_scan,
        }
        problems = []
        for field_name, message in SIGN_OFF_FIELDS.items():
            if not required[field_name] or not _has_field(obj, field_name):
                continue
            if not getattr(obj, _attname(obj, field_name)):
                problems.append(str(message))
        return problems

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.get_sign_off_problems(obj):
            # Without the number and the scan nothing is signed yet.
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def locked_for_user(self, obj, user):
        # The secretary registers the number and uploads the scan while the
        # order waits for the director, so editors keep the editor open.
        if not super().locked_for_user(obj, user):
            return False
        return not get_policy(type(obj)).user_has_permission_for_instance(
            user, "change", obj
        )

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            obj = task_state.workflow_state.content_object
            problems = self.get_sign_off_problems(obj)
            if problems:
                raise PermissionDenied("; ".join(problems))
            latest = latest_version(obj)
            content_type, object_id = object_reference(obj)
            sign_off = SignOff.objects.create(
                content_type=content_type,
                object_id=object_id,
                task_state=task_state,
                signed_by=user,
                number=str(getattr(latest, "number", "") or ""),
            )
            log(
                instance=obj,
                action="mentoring_wagtail.sign_off",
                user=user,
                revision=task_state.revision,
                data={
                    "number": sign_off.number,
                    "signed_at": sign_off.signed_at.isoformat(),
                },
            )
        return super().on_action(task_state, user, action_name, **kwargs)


def _has_field(obj, name):
    try:
        obj._meta.get_field(name)
    except Exception:  # noqa: BLE001  FieldDoesNotExist
        return False
    return True


def _attname(obj, name):
    return obj._meta.get_field(name).attname


class SignOff(models.Model):
    """The director's signature on a document, as approved in the workflow."""

    mentoring_site_path = ThroughObject()

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=255)
    task_state = models.ForeignKey(
        TaskState,
        verbose_name=_("workflow step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    number = models.CharField(_("registration number"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["-signed_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.signed_by} {self.signed_at:%d.%m.%Y %H:%M}"

    @classmethod
    def for_object(cls, obj):
        content_type, object_id = object_reference(obj)
        return cls.objects.filter(content_type=content_type, object_id=object_id)


class AcknowledgementQuerySet(models.QuerySet):
    def for_object(self, obj):
        content_type, object_id = object_reference(obj)
        return self.filter(content_type=content_type, object_id=object_id)

    def pending(self):
        return self.filter(acknowledged_at__isnull=True)

    def done(self):
        return self.filter(acknowledged_at__isnull=False)


class Acknowledgement(models.Model):
    """One person who must read a document (an order), and when they did."""

    mentoring_site_path = ThroughObject()

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="mentoring_acknowledgements",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    objects = AcknowledgementQuerySet.as_manager()

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["user__last_name", "user__first_name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"],
                name="mentoring_acknowledgement_unique_person",
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.content_object}"

    @property
    def content_object(self):
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first()

    @classmethod
    def require(cls, obj, users, requested_by=None):
        """Ask ``users`` to acknowledge ``obj``; return how many were added."""
        content_type, object_id = object_reference(obj)
        added = 0
        for user in users:
            _row, created = cls.objects.get_or_create(
                content_type=content_type,
                object_id=object_id,
                user=user,
                defaults={"requested_by": requested_by},
            )
            added += created
        if added:
            log(
                instance=obj,
                action="mentoring_wagtail.familiarisation_requested",
                user=requested_by,
                data={"count": added},
            )
        return added

    def acknowledge(self):
        if self.acknowledged_at is None:
            self.acknowledged_at = timezone.now()
            self.save(update_fields=["acknowledged_at"])
            obj = self.content_object
            if obj is not None:
                log(
                    instance=obj,
                    action="mentoring_wagtail.acknowledge",
                    user=self.user,
                )
        return self

"""Official documents of the programme: orders, regulations, programmes and
other programme papers (protocols, reports, forms), as Wagtail snippets with
drafts, revisions, locking, scheduling, preview and workflows.

Nothing official is ever deleted once referenced: foreign keys to these
records are ``PROTECT`` and the admin offers revocation instead (``revoked_on``
and ``revoked_by``), which keeps the record in the registry with its mark.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from ..access.site_routes import site_workflow
from ..conf import get_setting
from ..section.site_settings import OrganisationSettings
from .file_text import queue_file_text
from .lifecycle import lifecycle_label, lifecycle_status
from .validators import TYPE_NAMES, validate_stored_document

DOCUMENT_MODEL = getattr(settings, "WAGTAILDOCS_DOCUMENT_MODEL", "wagtaildocs.Document")

STATUS_IN_FORCE = "in_force"
STATUS_REVOKED = "revoked"
STATUS_EXPIRED = "expired"
STATUS_CHOICES = [
    (STATUS_IN_FORCE, _("in force")),
    (STATUS_REVOKED, _("revoked")),
    (STATUS_EXPIRED, _("no longer in force")),
]


UNKNOWN = object()


def _today():
    return timezone.localdate()


def _document_fk(verbose_name, on_delete=models.PROTECT, **kwargs):
    return models.ForeignKey(
        DOCUMENT_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name="+",
        **kwargs,
    )


class OfficialDocumentQuerySet(models.QuerySet):
    def for_site(self, site):
        return self.filter(site=site)

    def published(self):
        return self.filter(live=True)

    def with_status(self, status, today=None):
        today = today or _today()
        revoked = Q(revoked_on__isnull=False, revoked_on__lte=today)
        expired = self.model.expired_q(today)
        if status == STATUS_REVOKED:
            return self.filter(revoked)
        if status == STATUS_EXPIRED:
            return self.exclude(revoked).filter(expired)
        if status == STATUS_IN_FORCE:
            return self.exclude(revoked).exclude(expired)
        return self


class AbstractOfficialDocument(
    PreviewableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """Fields and behaviour every official document shares.

    Subclasses name their main file in ``text_source_field`` (its .docx text
    is indexed) and may override :meth:`expired_q` and :meth:`is_expired`.
    """

    # Wagtail's default is True; an official record made in code (an import,
    # a script) must not appear in the public registry before it is published.
    live = models.BooleanField(verbose_name=_("live"), default=False, editable=False)
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("organisation's site"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=500)
    number = models.CharField(_("number"), max_length=50, blank=True)
    date = models.DateField(_("date"))
    year = models.PositiveSmallIntegerField(_("year"), editable=False, db_index=True)
    summary = models.TextField(_("summary"), blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        "mentoring_wagtail.Order",
        verbose_name=_("revoked by order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revoked_%(class)ss",
    )
    revocation_note = models.CharField(_("revocation note"), max_length=500, blank=True)
    # Text of the attached .docx for the search index, read after the save
    # by a background job (``documents.file_text``).
    file_text = models.TextField(_("text of the file"), blank=True, editable=False)

    objects = OfficialDocumentQuerySet.as_manager()

    text_source_field = "file"
    registry_type = ""
    # Revocation is recorded on the record itself, not in a draft: publishing
    # an older draft must not undo it.
    preserved_fields = ("revoked_on", "revoked_by_id", "revocation_note")

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("number", boost=2),
        index.SearchField("summary"),
        index.SearchField("file_text"),
        index.FilterField("id"),
        index.FilterField("live"),
        index.FilterField("site"),
        index.FilterField("year"),
        index.FilterField("date"),
    ]

    class Meta:
        abstract = True
        ordering = ["-date", "-pk"]
        # The registry reads the newest published records of a site. «live»
        # stays out of the keys: SQLite cannot seek on a bare boolean test,
        # and unpublished records are few.
        indexes = [
            models.Index(
                fields=["site", "-date", "-id"], name="mw_%(class).12s_recent"
            ),
            models.Index(
                fields=["site", "year", "-date", "-id"], name="mw_%(class).12s_year"
            ),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # From __dict__: reading a deferred field here would cost a query
        # for every row of a ``.only()`` queryset.
        self._text_source_id = self.__dict__.get(
            f"{self.text_source_field}_id", UNKNOWN
        )

    def __str__(self):
        return self.title

    # Lifecycle ---------------------------------------------------------

    def save(self, *args, **kwargs):
        if self.date:
            self.year = self.date.year
        source_id = getattr(self, f"{self.text_source_field}_id", None)
        changed = self._text_source_id is not UNKNOWN and (
            source_id != self._text_source_id
        )
        if not changed and source_id and not self.file_text:
            # An instance kept since before the job wrote the text must not
            # save its empty text over it.
            self.file_text = self._stored_file_text(source_id)
        needs_text = changed or bool(source_id and not self.file_text)
        if needs_text:
            # The old file's words must not stay searchable under the new
            # file; the job fills the text after the commit.
            self.file_text = ""
            self._text_source_id = source_id
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "file_text"}
        super().save(*args, **kwargs)
        if needs_text and source_id:
            queue_file_text(self, source_id, changed)

    def _stored_file_text(self, source_id):
        if self.pk is None:
            return ""
        stored = type(self)._default_manager.filter(
            pk=self.pk, **{f"{self.text_source_field}_id": source_id}
        )
        return stored.values_list("file_text", flat=True).first() or ""

    def get_workflow(self):
        # An installation with roles per site has a route per site, its
        # steps given to that site's groups (``access.site_routes``).
        workflow = super().get_workflow()
        if workflow is None or not self.site_id:
            return workflow
        return site_workflow(workflow.name, self.site_id) or workflow

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        source = f"{self.text_source_field}_id"
        # Read the record as stored now: ``self`` may be an instance kept in
        # memory since before the revocation.
        stored = (
            type(self)
            ._default_manager.filter(pk=self.pk)
            .values(*self.preserved_fields, source, "file_text")
            .first()
            if self.pk
            else None
        )
        for name in self.preserved_fields:
            setattr(obj, name, stored[name] if stored else getattr(self, name))
        if stored:
            # The file's text is the job's, not the draft's: compare the
            # revision's file with the stored one, whose text it keeps.
            obj._text_source_id = stored[source]
            obj.file_text = stored["file_text"]
        return obj

    def clean(self):
        super().clean()
        errors = {}
        if self.date:
            margin = get_setting("ORDER_FUTURE_MARGIN_DAYS")
            latest = _today() + datetime.timedelta(days=margin)
            if self.date > latest:
                errors["date"] = gettext(
                    "The date %(date)s is too far in the future: a document may be "
                    "dated at most %(days)d days ahead."
                ) % {"date": date_format(self.date, "d.m.Y"), "days": margin}
        errors.update(self.clean_files())
        if errors:
            raise ValidationError(errors)

    def document_fields(self):
        """``(field name, required type or None)`` of the attached files."""
        return [(self.text_source_field, None)]

    def clean_files(self):
        errors = {}
        for name, required_type in self.document_fields():
            document = getattr(self, name, None)
            if document is None or not self._document_changed(name):
                continue
            try:
                kind = validate_stored_document(document)
            except ValidationError as error:
                errors[name] = error.messages
                continue
            if required_type and kind not in required_type:
                errors[name] = gettext("Attach a %(type)s file here.") % {
                    "type": " / ".join(TYPE_NAMES[t] for t in required_type)
                }
        return errors

    def _document_changed(self, name):
        if self.pk is None:
            return True
        stored = (
            type(self).objects.filter(pk=self.pk).values_list(f"{name}_id", flat=True)
        )
        return getattr(self, f"{name}_id") not in list(stored)

    # Status ------------------------------------------------------------

    @classmethod
    def expired_q(cls, today):
        """A ``Q`` selecting records that are no longer in force by ``today``."""
        return Q(pk__in=[])

    def is_expired(self, today):
        return False

    def get_status(self, today=None):
        today = today or _today()
        if self.revoked_on and self.revoked_on <= today:
            return STATUS_REVOKED
        if self.is_expired(today):
            return STATUS_EXPIRED
        return STATUS_IN_FORCE

    @property
    def status(self):
        return self.get_status()

    @property
    def status_label(self):
        status = self.status
        if status == STATUS_REVOKED:
            return self.revoked_label
        return dict(STATUS_CHOICES)[status]

    revoked_label = _("no longer in force")

    # Wagtail's workflow e-mails about these records use the package's wording
    # (templates/wagtailadmin/notifications/).
    mentoring_notifications = True

    @property
    def notification_title(self):
        """«Приказ № 5-ОД от 01.09.2024 «О парах»», as e-mails name a record."""
        return f"{capfirst(self._meta.verbose_name)} {self.reference} «{self.title}»"

    @property
    def lifecycle(self):
        """Draft, under approval, awaiting signature, in force, revoked, …"""
        return lifecycle_status(self)

    @property
    def lifecycle_label(self):
        return lifecycle_label(self)

    @property
    def revocation_text(self):
        if not self.revoked_on:
            return ""
        text = gettext("%(status)s since %(date)s") % {
            "status": self.revoked_label,
            "date": date_format(self.revoked_on, "d.m.Y"),
        }
        if self.revoked_by_id:
            text += " " + gettext("by order %(order)s") % {
                "order": self.revoked_by.reference
            }
        return text

    @property
    def primary_file(self):
        """The file visitors download: the signed scan of an order, else the file."""
        return getattr(self, self.primary_file_field, None)

    primary_file_field = "file"

    @property
    def type_label(self):
        return self._meta.verbose_name

    @property
    def reference(self):
        """«№ 5-ОД от 01.09.2024», as documents cite each other."""
        date = date_format(self.date, "d.m.Y") if self.date else ""
        if self.number:
            return gettext("No. %(number)s of %(date)s") % {
                "number": self.number,
                "date": date,
            }
        return gettext("of %(date)s") % {"date": date}

    # Preview -----------------------------------------------------------

    def get_preview_template(self, request, mode_name):
        return "mentoring_wagtail/documents/document_detail.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context.update(
            document=self,
            organisation=OrganisationSettings.for_site(self.site),
            is_preview=True,
        )
        return context


class ApprovedDocumentMixin(models.Model):
    """A document put in force by an order: «утверждено приказом № … от …»."""

    approved_by_order = models.ForeignKey(
        "mentoring_wagtail.Order",
        verbose_name=_("approved by order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_%(class)ss",
    )

    class Meta:
        abstract = True

    @property
    def approval_text(self):
        if not self.approved_by_order_id:
            return ""
        return gettext("approved by order %(order)s") % {
            "order": self.approved_by_order.reference
        }

"""Orders (приказы): registered in the organisation's journal, signed, scanned."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from . import numbering
from .official import AbstractOfficialDocument, _document_fk


class OrderKind(models.TextChoices):
    IMPLEMENTATION = "implementation", _("implementation of the mentoring model")
    CURATORS = "curators", _("appointment of curators")
    MENTOR_BASE = "mentor_base", _("approval of the mentor base")
    PAIRS = "pairs", _("fixing of mentoring pairs and groups")
    ENCOURAGEMENT = "encouragement", _("encouragement of participants")
    OTHER = "other", _("other")


class AbstractOrder(AbstractOfficialDocument):
    """An order of the organisation's head.

    The number is taken from the registration journal (:mod:`.numbering`) or
    typed by the secretary; it is unique per site and year. Publishing needs
    the number and the signed scan (:meth:`get_publish_errors`).
    """

    kind = models.CharField(
        _("kind"), max_length=30, choices=OrderKind.choices, default=OrderKind.OTHER
    )
    signatory_title = models.CharField(
        _("signatory's title"), max_length=255, blank=True
    )
    signatory_name = models.CharField(_("signatory's name"), max_length=255, blank=True)
    body = models.TextField(
        _("text of the order"),
        blank=True,
        help_text=_("the preamble and the numbered points; one paragraph per line"),
    )
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("for an order with a limited term; leave empty otherwise"),
    )
    draft_file = _document_fk(_("Word draft"), on_delete=models.SET_NULL)
    signed_scan = _document_fk(_("signed scan"))

    text_source_field = "draft_file"
    primary_file_field = "signed_scan"
    registry_type = "orders"
    revoked_label = _("revoked")

    search_fields = AbstractOfficialDocument.search_fields + [
        index.SearchField("body"),
        index.FilterField("kind"),
    ]

    class Meta(AbstractOfficialDocument.Meta):
        abstract = True
        verbose_name = _("order")
        verbose_name_plural = _("orders")

    @classmethod
    def count_label(cls, count):
        return ngettext("%(count)d order", "%(count)d orders", count) % {"count": count}

    def __str__(self):
        return gettext("Order %(reference)s «%(title)s»") % {
            "reference": self.reference,
            "title": self.title,
        }

    def document_fields(self):
        return [("signed_scan", ("pdf",)), ("draft_file", ("docx", "odt"))]

    @classmethod
    def expired_q(cls, today):
        return Q(valid_until__isnull=False, valid_until__lt=today)

    def is_expired(self, today):
        return bool(self.valid_until and self.valid_until < today)

    # Numbering ---------------------------------------------------------

    def suggest_number(self):
        if not (self.site_id and self.date):
            return ""
        return numbering.suggest_number(self.site, self.kind, self.date)

    def register(self):
        """Take the next number of the journal (inside the saving transaction)."""
        return numbering.take_next_number(self)

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self.number = (self.number or "").strip()
        if (
            self.number
            and self.site_id
            and self.date
            and numbering.number_taken(
                type(self), self.site, self.date.year, self.number, self.pk
            )
        ):
            errors.setdefault("number", []).append(
                gettext(
                    "Order No. %(number)s of %(year)s is already registered; "
                    "choose another number or leave it empty to take the next one."
                )
                % {"number": self.number, "year": self.date.year}
            )
        if self.revoked_by_id and self.revoked_by_id == self.pk:
            errors.setdefault("revoked_by", []).append(
                gettext("An order cannot revoke itself.")
            )
        if errors:
            raise ValidationError(errors)

    def get_publish_errors(self):
        """What stops this order from being published (in force), by field."""
        errors = {}
        if not self.signed_scan_id:
            errors["signed_scan"] = gettext(
                "An order is published only with its signed scan: upload the PDF "
                "scan of the signed original first."
            )
        return errors

    def get_approved_objects(self):
        """Everything that names this order in ``approved_by_order``."""
        found = []
        # Hidden relations too: a site's model may say related_name="+".
        for relation in self._meta.get_fields(include_hidden=True):
            if not relation.auto_created or relation.concrete:
                continue
            if getattr(relation, "field", None) is None:
                continue
            if relation.field.name != "approved_by_order":
                continue
            queryset = relation.related_model._default_manager.filter(
                approved_by_order=self
            )
            found.extend(queryset)
        return found

    @property
    def signatory_line(self):
        return " ".join(filter(None, [self.signatory_title, self.signatory_name]))

    @property
    def date_text(self):
        return date_format(self.date, "d.m.Y") if self.date else ""


class Order(AbstractOrder):
    mentoring_site_path = "site"

    class Meta(AbstractOrder.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["site", "year", "number"],
                condition=~Q(number=""),
                name="mentoring_order_unique_number",
                violation_error_message=_(
                    "An order with this number is already registered this year."
                ),
            )
        ]

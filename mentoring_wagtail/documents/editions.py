"""Regulations, programmes and other programme documents, approved by orders."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .official import (
    AbstractOfficialDocument,
    ApprovedDocumentMixin,
    _document_fk,
    _today,
)


class AbstractEditionDocument(ApprovedDocumentMixin, AbstractOfficialDocument):
    """A document issued in editions; a newer edition supersedes the older.

    The older edition stays in the registry as «утратил силу» with a link to
    the edition that replaced it, from the day the new one takes effect.
    """

    edition = models.CharField(
        _("edition"), max_length=50, blank=True, help_text=_("e.g. «2» or «2025»")
    )
    effective_date = models.DateField(
        _("in force from"),
        null=True,
        blank=True,
        help_text=_("leave empty if it takes effect on the date of the document"),
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("replaces the edition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="newer_editions",
    )
    file = _document_fk(_("file"))

    search_fields = AbstractOfficialDocument.search_fields + [
        index.SearchField("edition"),
    ]

    class Meta(AbstractOfficialDocument.Meta):
        abstract = True

    @property
    def starts_on(self):
        return self.effective_date or self.date

    @classmethod
    def superseding_editions(cls, today):
        return cls._default_manager.filter(live=True).filter(
            Q(effective_date__lte=today)
            | Q(effective_date__isnull=True, date__lte=today)
        )

    @classmethod
    def expired_q(cls, today):
        newer = cls.superseding_editions(today).filter(supersedes=OuterRef("pk"))
        return Q(Exists(newer))

    def is_expired(self, today):
        if hasattr(self, "is_superseded"):  # annotated by the registry
            return self.is_superseded
        return self.superseded_by(today) is not None

    def superseded_by(self, today=None):
        """The live edition that replaced this one, if it is in force yet."""
        if not self.pk:
            return None
        return (
            self.superseding_editions(today or _today())
            .filter(supersedes=self)
            .order_by("-date")
            .first()
        )

    def clean(self):
        super().clean()
        if self.supersedes_id and self.supersedes_id == self.pk:
            raise ValidationError(
                {"supersedes": gettext("An edition cannot replace itself.")}
            )


class Regulation(AbstractEditionDocument):
    mentoring_site_path = "site"

    registry_type = "regulations"

    class Meta(AbstractEditionDocument.Meta):
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")

    @classmethod
    def count_label(cls, count):
        return ngettext("%(count)d regulation", "%(count)d regulations", count) % {
            "count": count
        }


class MentoringProgramme(AbstractEditionDocument):
    mentoring_site_path = "site"

    registry_type = "programmes"

    class Meta(AbstractEditionDocument.Meta):
        verbose_name = _("mentoring programme")
        verbose_name_plural = _("mentoring programmes")

    @classmethod
    def count_label(cls, count):
        return ngettext(
            "%(count)d mentoring programme", "%(count)d mentoring programmes", count
        ) % {"count": count}


class ProgrammeDocumentKind(models.TextChoices):
    PROTOCOL = "protocol", _("protocol")
    ANALYTICAL_REPORT = "analytical_report", _("analytical report")
    QUESTIONNAIRE = "questionnaire", _("questionnaire form")
    APPENDIX_FORM = "appendix_form", _("appendix form")
    PAIRS_LIST = "pairs_list", _("list of mentoring pairs and groups")
    PLAN = "plan", _("plan")
    OTHER = "other", _("other")


class AbstractProgrammeDocument(ApprovedDocumentMixin, AbstractOfficialDocument):
    """Any other paper of the programme, told apart by its kind."""

    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=ProgrammeDocumentKind.choices,
        default=ProgrammeDocumentKind.OTHER,
    )
    file = _document_fk(_("file"))

    search_fields = AbstractOfficialDocument.search_fields + [
        index.FilterField("kind"),
    ]

    class Meta(AbstractOfficialDocument.Meta):
        abstract = True
        verbose_name = _("programme document")
        verbose_name_plural = _("programme documents")

    @classmethod
    def count_label(cls, count):
        return ngettext(
            "%(count)d programme document", "%(count)d programme documents", count
        ) % {"count": count}


class ProgrammeDocument(AbstractProgrammeDocument):
    mentoring_site_path = "site"

    registry_type = "documents"

    class Meta(AbstractProgrammeDocument.Meta):
        pass

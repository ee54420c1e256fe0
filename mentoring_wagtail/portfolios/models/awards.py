"""Awards of mentors (грамоты, благодарности, «Лучший наставник»).

Recorded by the curator on the mentor, not on the page: they stay when the
portfolio is unpublished and can be listed for a year with the order that
awarded them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string

from ..choices import Level


class Award(models.Model):
    mentoring_site_path = "mentor__person__site"

    mentor = models.ForeignKey(
        "mentoring_participants.Mentor",
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="awards",
    )
    title = models.CharField(
        _("title"), max_length=255, help_text=_("for example: «Лучший наставник»")
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.SCHOOL
    )
    year = models.PositiveSmallIntegerField(_("year"))
    order = models.ForeignKey(
        "mentoring_wagtail.Order",
        verbose_name=_("awarding order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scan = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("scan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mentor's award")
        verbose_name_plural = _("mentors' awards")
        ordering = ["-year", "title", "pk"]
        indexes = [models.Index(fields=["year", "level"])]

    def __str__(self):
        return f"{self.title} ({self.year})"

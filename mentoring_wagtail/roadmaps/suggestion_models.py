"""An order offered as evidence of an activity whose result cites it.

Made on import and when an order is registered later (``evidence_suggestions``);
the curator confirms or rejects it in the execution report. A rejected
suggestion is kept so the same order is not offered again for that activity.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..section.base_page import BASE_PAGE_MODEL_NAME


class EvidenceSuggestion(models.Model):
    mentoring_site_path = "page"

    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    STATUS_CHOICES = (
        (PENDING, _("offered")),
        (CONFIRMED, _("confirmed")),
        (REJECTED, _("rejected")),
    )

    page = models.ForeignKey(
        BASE_PAGE_MODEL_NAME,
        on_delete=models.CASCADE,
        related_name="evidence_suggestions",
        verbose_name=_("roadmap"),
    )
    block_id = models.CharField(_("activity block id"), max_length=64)
    order = models.ForeignKey(
        "mentoring_wagtail.Order",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("order"),
    )
    cited_text = models.TextField(_("cited as"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=STATUS_CHOICES, default=PENDING
    )
    created_at = models.DateTimeField(_("offered at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evidence suggestion")
        verbose_name_plural = _("evidence suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "block_id", "order"],
                name="mentoring_evidence_suggestion_once",
            )
        ]

    def __str__(self):
        return f"{self.order} → {self.block_id}"

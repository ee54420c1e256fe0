from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="group")
class OrganisationSettings(BaseSiteSetting):
    """The organisation's requisites, entered once per site.

    Generated documents (orders, roadmaps) and page headers read them.
    """

    mentoring_site_path = "site"

    full_name = models.CharField(
        _("full name"),
        max_length=500,
        blank=True,
        help_text=_(
            "as in the charter, e.g. «Муниципальное бюджетное общеобразовательное "
            "учреждение «Средняя школа № 1»»"
        ),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=255,
        blank=True,
        help_text=_("e.g. «МБОУ СШ № 1»"),
    )
    director_title = models.CharField(
        _("director's title"), max_length=255, blank=True, default="Директор"
    )
    director_name = models.CharField(
        _("director's name"),
        max_length=255,
        blank=True,
        help_text=_("as signed, e.g. «И.И. Иванова»"),
    )
    city = models.CharField(_("city"), max_length=255, blank=True)
    order_number_pattern = models.CharField(
        _("order number pattern"),
        max_length=50,
        blank=True,
        help_text=_(
            "how the journal numbers orders, e.g. «{seq}-ОД» or «{seq}/{year}»; "
            "leave empty for the default"
        ),
    )

    panels = [
        MultiFieldPanel(["full_name", "short_name", "city"], heading=_("organisation")),
        MultiFieldPanel(["director_title", "director_name"], heading=_("director")),
        MultiFieldPanel(["order_number_pattern"], heading=_("order journal")),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisation")

    def __str__(self):
        return self.short_name or self.full_name or str(self.site)

    @property
    def display_name(self):
        return self.short_name or self.full_name

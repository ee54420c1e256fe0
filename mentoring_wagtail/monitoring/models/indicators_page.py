"""The public «Показатели» page: aggregates only, one chart per indicator."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from mentoring_wagtail.access.site_scope import IN_PAGE_TREE
from mentoring_wagtail.section.base_page import BasePage
from mentoring_wagtail.section.models import MentoringPageMixin


class IndicatorsPage(MentoringPageMixin, BasePage):  # noqa: DJ008 - Page has __str__
    intro = RichTextField(_("introduction"), blank=True)
    years_shown = models.PositiveSmallIntegerField(
        _("years shown"), default=3, help_text=_("the latest years side by side")
    )

    parent_page_types = ["mentoring_wagtail.MentoringIndexPage"]
    subpage_types = []
    template = "mentoring_wagtail/monitoring/indicators_page.html"
    content_panels = BasePage.content_panels + ["intro", "years_shown"]

    mentoring_site_path = IN_PAGE_TREE

    class Meta:
        verbose_name = _("indicators page")
        verbose_name_plural = _("indicators pages")

    # The charts come from the template (``{% indicator_charts page %}``),
    # so this model imports none of the indicators' queries.
    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisation"] = self.get_organisation(request)
        return context

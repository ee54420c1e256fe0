from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.search import index

from .base_page import BasePage


class MentoringPageMixin:
    """Behaviour shared by every page of the mentoring section.

    Plain methods only, so a site may mix it into its own page types.
    """

    def get_mentoring_section(self):
        """The nearest «Наставничество» index page above (or at) this page."""
        from .pages import MentoringIndexPage

        if isinstance(self.specific_deferred, MentoringIndexPage):
            return self.specific_deferred
        return (
            MentoringIndexPage.objects.ancestor_of(self, inclusive=True)
            .order_by("-depth")
            .first()
        )

    def get_organisation(self, request=None):
        from .site_settings import OrganisationSettings

        if request is not None:
            return OrganisationSettings.for_request(request)
        site = self.get_site()
        return OrganisationSettings.for_site(site) if site else None


class MentoringIndexPageMixin(MentoringPageMixin, models.Model):
    """The root of a programme's public section; lists what is published below.

    Subclass it with your site's base page to give the section your own layout.
    """

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = ["title", "intro"]
    search_fields = [index.SearchField("intro")]
    template = "mentoring_wagtail/mentoring_index_page.html"

    class Meta:
        abstract = True

    def get_published_children(self):
        return self.get_children().live().public().specific().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["published_children"] = self.get_published_children()
        context["organisation"] = self.get_organisation(request)
        return context


class MentoringIndexPage(MentoringIndexPageMixin, BasePage):  # noqa: DJ008 (Page's)
    content_panels = BasePage.content_panels + ["intro"]
    search_fields = BasePage.search_fields + MentoringIndexPageMixin.search_fields

    class Meta:
        verbose_name = _("mentoring section")
        verbose_name_plural = _("mentoring sections")

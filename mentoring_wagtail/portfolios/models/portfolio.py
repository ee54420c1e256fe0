"""A mentor's public portfolio: one Wagtail page per mentor.

The mentor edits it (a right on this page alone, ``rights.py``) and submits
it; the curator moderates it through «Публикация портфолио наставника». It is
served only while the mentor may be published (``eligibility.py``).
"""

from django.apps import apps
from django.db import models
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, PagePermissionTester
from wagtail.search import index

from mentoring_wagtail.access.site_scope import IN_PAGE_TREE
from mentoring_wagtail.documents.registry import DocumentRegistryPage
from mentoring_wagtail.participants.models import Mentor
from mentoring_wagtail.section.base_page import BasePage
from mentoring_wagtail.section.models import MentoringPageMixin

from ..achievements import mentee_counts
from ..choices import MENTOR_TEXT_FEATURES, Level
from ..eligibility import publishable_mentor_q
from ..forms import MentorPortfolioPageForm
from ..photo_view import SIZES, serve_photo
from ..public_cache import cached_body
from .awards import Award

# The photo's sizes, served by the page's own route (``photo_view.py``).
PHOTO_RENDITION = SIZES["portrait"]
CARD_RENDITION = SIZES["card"]
BODY_TEMPLATE = "mentoring_portfolios/mentor_portfolio_body.html"


class PortfolioPermissionTester(PagePermissionTester):
    """Who may only edit a portfolio (its mentor) may not delete, move or copy it."""

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and self.can_publish()

    def can_copy(self):
        return self.can_publish() and super().can_copy()


class MentorPortfolioPage(  # noqa: DJ008 (Page's)
    RoutablePageMixin, MentoringPageMixin, BasePage
):
    mentor = models.ForeignKey(
        "mentoring_participants.Mentor",
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="portfolio_pages",
    )
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("set the focal point on the face: the photo is cropped around it"),
    )
    photo_alt = models.CharField(
        _("photo description"),
        max_length=255,
        blank=True,
        help_text=_("alternative text read out to visitors who cannot see the photo"),
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    subject = models.CharField(
        _("subject or field"),
        max_length=255,
        blank=True,
        help_text=_("visitors filter the mentors by it"),
    )
    experience_years = models.PositiveSmallIntegerField(
        _("teaching experience, years"), null=True, blank=True
    )
    experience = models.TextField(_("experience"), blank=True)
    biography = RichTextField(_("about me"), blank=True, features=MENTOR_TEXT_FEATURES)
    competencies = models.TextField(
        _("competencies"),
        blank=True,
        help_text=_("one per line or separated by commas"),
    )

    base_form_class = MentorPortfolioPageForm
    parent_page_types = ["mentoring_portfolios.MentorIndexPage"]
    subpage_types = []
    template = "mentoring_portfolios/mentor_portfolio_page.html"

    content_panels = [
        FieldPanel("mentor", permission="mentoring_portfolios.choose_portfolio_mentor"),
        "title",
        MultiFieldPanel(
            [FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("photo")
        ),
        "position",
        "subject",
        "experience_years",
        "experience",
        "biography",
        "competencies",
        InlinePanel("courses", heading=_("other courses passed"), label=_("course")),
        InlinePanel(
            "achievements",
            heading=_("mentees' achievements (numbers only, no names)"),
            label=_("achievement"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("position"),
        index.SearchField("subject"),
        index.SearchField("biography"),
        index.SearchField("competencies"),
        index.FilterField("subject"),
    ]

    mentoring_site_path = IN_PAGE_TREE

    class Meta:
        verbose_name = _("mentor portfolio")
        verbose_name_plural = _("mentor portfolios")
        permissions = [
            ("choose_portfolio_mentor", _("Can choose whose portfolio a page is"))
        ]

    def permissions_for_user(self, user):
        return PortfolioPermissionTester(user, self)

    @cached_property
    def may_be_public(self):
        """The index's own rule (``publishable_mentor_q``), in one query."""
        return (
            Mentor.objects.filter(pk=self.mentor_id)
            .filter(publishable_mentor_q(prefix=""))
            .exists()
        )

    def serve(self, request, *args, **kwargs):
        if not self.may_be_public:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def serve_preview(self, request, mode_name):
        # The page's own preview (its serve, its checks), not the routable one.
        return super(RoutablePageMixin, self).serve_preview(request, mode_name)

    @path("photo/<int:image_id>/<slug:size>/")
    def photo_file(self, request, image_id, size):
        """The approved photo, on the portfolio's rule (``photo_view.py``)."""
        return serve_photo(self, request, image_id, size)

    def get_sitemap_urls(self, request=None):
        if not self.may_be_public:
            return []
        return super().get_sitemap_urls(request)

    def competency_list(self):
        text = self.competencies.replace(",", "\n")
        return [item.strip() for item in text.splitlines() if item.strip()]

    def body_context(self, request):
        # The practices name their authors' portfolios, not the other way:
        # the practice model is reached through the registry.
        PracticePage = apps.get_model("mentoring_portfolios", "PracticePage")
        return {
            "page": self,
            "mentor_courses": self.mentor.courses.all(),
            "own_courses": self.courses.all(),
            "awards": awards_with_registry_links(self, request),
            "practices": PracticePage.objects.live()
            .public()
            .filter(authors__portfolio=self)
            .distinct(),
            "mentee_counts": mentee_counts(self.mentor),
            "achievements": self.achievements.all(),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def render():
            return render_to_string(BODY_TEMPLATE, self.body_context(request), request)

        context.update(
            organisation=self.get_organisation(request),
            body=cached_body("portfolio", self, request, render),
        )
        return context


def public_portfolios(parent=None):
    """Live, public portfolios of mentors who may be published."""
    pages = MentorPortfolioPage.objects.live().public().filter(publishable_mentor_q())
    if parent is not None:
        pages = pages.child_of(parent)
    return pages


def awards_with_registry_links(page, request):
    """The mentor's awards, each with the registry URL of its public order."""
    awards = list(Award.objects.filter(mentor=page.mentor).select_related("order"))
    if any(award.order_id for award in awards):
        site = page.get_site()
        registry = (
            DocumentRegistryPage.objects.live()
            .public()
            .descendant_of(site.root_page)
            .first()
            if site
            else None
        )
        for award in awards:
            order = award.order
            award.order_url = (
                registry.document_url(order)
                if registry and order and order.live and order.site_id == site.pk
                else ""
            )
    return awards


class PortfolioCourse(Orderable):
    """A course the mentor adds themselves (the curator's list is ``MentorCourse``)."""

    mentoring_site_path = "page"

    page = ParentalKey(
        MentorPortfolioPage, on_delete=models.CASCADE, related_name="courses"
    )
    title = models.CharField(_("title"), max_length=255)
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    certificate = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = ["title", "hours", "year", "certificate"]

    class Meta(Orderable.Meta):
        verbose_name = _("course passed")
        verbose_name_plural = _("courses passed")


class MenteeAchievement(Orderable):
    """What mentees achieved, as a number: a portfolio never names a mentee."""

    mentoring_site_path = "page"

    page = ParentalKey(
        MentorPortfolioPage, on_delete=models.CASCADE, related_name="achievements"
    )
    title = models.CharField(
        _("achievement"),
        max_length=255,
        help_text=_("for example: prize-winners of the municipal olympiad in maths"),
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, blank=True
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    mentees_count = models.PositiveSmallIntegerField(_("number of mentees"), default=1)

    panels = ["title", "level", "year", "mentees_count"]

    class Meta(Orderable.Meta):
        verbose_name = _("mentees' achievement")
        verbose_name_plural = _("mentees' achievements")

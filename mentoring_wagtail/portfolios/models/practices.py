"""The base of best practices (методическая копилка): one page per case."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import InlinePanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from mentoring_wagtail.access.site_scope import IN_PAGE_TREE
from mentoring_wagtail.participants.models import MentoringForm
from mentoring_wagtail.section.base_page import BasePage
from mentoring_wagtail.section.models import MentoringPageMixin

from ..choices import MENTOR_TEXT_FEATURES
from .portfolio import public_portfolios

PER_PAGE = 20


class PracticeIndexPage(MentoringPageMixin, BasePage):  # noqa: DJ008 (Page's)
    intro = RichTextField(_("introduction"), blank=True)

    parent_page_types = ["mentoring_wagtail.MentoringIndexPage"]
    subpage_types = ["mentoring_portfolios.PracticePage"]
    template = "mentoring_portfolios/practice_index_page.html"
    content_panels = BasePage.content_panels + ["intro"]

    mentoring_site_path = IN_PAGE_TREE

    class Meta:
        verbose_name = _("best practices")
        verbose_name_plural = _("best practices pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form_code = request.GET.get("form", "").strip()
        subject = request.GET.get("subject", "").strip()
        practices = PracticePage.objects.child_of(self).live().public()
        subjects = list(
            practices.exclude(subject="")
            .order_by("subject")
            .values_list("subject", flat=True)
            .distinct()
        )
        if form_code:
            practices = practices.filter(form__code=form_code)
        if subject:
            practices = practices.filter(subject=subject)
        practices = practices.select_related("form").order_by(
            "-first_published_at", "pk"
        )
        paginator = Paginator(practices, PER_PAGE)
        try:
            page_of_practices = paginator.page(request.GET.get("p", 1))
        except (EmptyPage, PageNotAnInteger):
            page_of_practices = paginator.page(1)
        query = request.GET.copy()
        query.pop("p", None)
        context.update(
            organisation=self.get_organisation(request),
            practices=page_of_practices,
            forms=MentoringForm.objects.all(),
            subjects=subjects,
            selected_form=form_code,
            selected_subject=subject,
            filter_query=query.urlencode(),
        )
        return context


class PracticePage(MentoringPageMixin, BasePage):  # noqa: DJ008 (Page's)
    form = models.ForeignKey(
        "mentoring_participants.MentoringForm",
        verbose_name=_("form of mentoring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("subject or field"), max_length=255, blank=True)
    problem = RichTextField(_("problem"), features=MENTOR_TEXT_FEATURES)
    what_was_done = RichTextField(_("what was done"), features=MENTOR_TEXT_FEATURES)
    results = RichTextField(_("results"), features=MENTOR_TEXT_FEATURES)

    parent_page_types = ["mentoring_portfolios.PracticeIndexPage"]
    subpage_types = []
    template = "mentoring_portfolios/practice_page.html"
    content_panels = BasePage.content_panels + [
        "form",
        "subject",
        "problem",
        "what_was_done",
        "results",
        InlinePanel("authors", heading=_("authors"), label=_("author")),
        InlinePanel("files", heading=_("files"), label=_("file")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("problem"),
        index.SearchField("what_was_done"),
        index.SearchField("results"),
        index.FilterField("subject"),
    ]

    mentoring_site_path = IN_PAGE_TREE

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def public_authors(self):
        """Authors whose portfolio is public; the others are not named."""
        visible = public_portfolios().values("pk")
        return [
            author.portfolio
            for author in self.authors.filter(portfolio__in=visible).select_related(
                "portfolio"
            )
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            organisation=self.get_organisation(request),
            authors=self.public_authors(),
            files=self.files.select_related("document"),
        )
        return context


class PracticeAuthor(Orderable):
    mentoring_site_path = "page"

    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="authors")
    portfolio = models.ForeignKey(
        "mentoring_portfolios.MentorPortfolioPage",
        verbose_name=_("mentor's portfolio"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = ["portfolio"]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class PracticeFile(Orderable):
    mentoring_site_path = "page"

    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = ["document", "caption"]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

"""«Наши наставники»: the published portfolios, filtered without JavaScript.

A page of the listing costs the same queries whatever the number of mentors:
one for the portfolios of the page (with mentor and person joined, one row
more than shown to know whether a next page exists: no count query), one each
for the forms, the photos and their renditions, and one each for the filter
choices. The rendered listing is kept in Django's cache until anything it
shows changes (``public_cache.py``).
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.images import get_image_model

from mentoring_wagtail.access.site_scope import IN_PAGE_TREE
from mentoring_wagtail.participants.models import MentoringForm
from mentoring_wagtail.section.base_page import BasePage
from mentoring_wagtail.section.models import MentoringPageMixin

from ..public_cache import cached_body
from .portfolio import CARD_RENDITION, MentorPortfolioPage, public_portfolios

PER_PAGE = 24
BODY_TEMPLATE = "mentoring_portfolios/mentor_index_body.html"


@dataclass
class PageOfResults:
    """Just what the previous/next links need."""

    items: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.items)

    def __bool__(self):
        return bool(self.items)

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1


def page_of(queryset, number, per_page=PER_PAGE):
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return PageOfResults(rows[:per_page], number, len(rows) > per_page)


class MentorIndexPage(MentoringPageMixin, BasePage):  # noqa: DJ008 (Page's)
    intro = RichTextField(_("introduction"), blank=True)

    parent_page_types = ["mentoring_wagtail.MentoringIndexPage"]
    subpage_types = ["mentoring_portfolios.MentorPortfolioPage"]
    max_count_per_parent = 1
    template = "mentoring_portfolios/mentor_index_page.html"
    content_panels = BasePage.content_panels + ["intro"]

    mentoring_site_path = IN_PAGE_TREE

    class Meta:
        verbose_name = _("our mentors")
        verbose_name_plural = _("«our mentors» pages")

    def filtered_portfolios(self, form_code="", subject=""):
        pages = public_portfolios(self)
        if form_code:
            pages = pages.filter(mentor__forms__code=form_code)
        if subject:
            pages = pages.filter(subject=subject)
        return pages

    def subject_choices(self):
        # Subjects of live portfolios (a subject names nobody), without the
        # consent check the listing itself makes.
        return list(
            MentorPortfolioPage.objects.live()
            .child_of(self)
            .exclude(subject="")
            .order_by("subject")
            .values_list("subject", flat=True)
            .distinct()
        )

    def listing_context(self, request, form_code, subject):
        pages = (
            self.filtered_portfolios(form_code, subject)
            .select_related("mentor__person")
            .prefetch_related(
                Prefetch(
                    "photo",
                    queryset=get_image_model().objects.prefetch_renditions(
                        CARD_RENDITION
                    ),
                ),
                "mentor__forms",
            )
            .order_by("title", "pk")
        )
        query = request.GET.copy()
        query.pop("p", None)
        return {
            "page": self,
            "portfolios": page_of(pages, request.GET.get("p", 1)),
            "forms": MentoringForm.objects.all(),
            "subjects": self.subject_choices(),
            "selected_form": form_code,
            "selected_subject": subject,
            "filter_query": query.urlencode(),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form_code = request.GET.get("form", "").strip()
        subject = request.GET.get("subject", "").strip()

        def render():
            listing = self.listing_context(request, form_code, subject)
            return render_to_string(BODY_TEMPLATE, listing, request=request)

        context.update(
            organisation=self.get_organisation(request),
            body=cached_body(
                "index",
                self,
                request,
                render,
                vary=(form_code, subject, request.GET.get("p", "")),
            ),
        )
        return context

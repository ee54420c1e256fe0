"""The roadmap (дорожная карта): stages, activities, and their execution.

Stages and activities live in one StreamField (stable block ids, revisions,
preview and workflow like any page). Besides it, every full save of the page
row — creation, publishing, unpublishing — rebuilds ``RoadmapActivity``, a flat
derived table of activities with parsed deadlines: the dashboard of due and
overdue activities queries it across all roadmaps without opening any
StreamField. Saving a draft revision does not touch the page row, so the table
follows the page's live content (or its first draft, before publishing).

The public page does not deserialise the StreamField either: it reads the
stored JSON (``StreamValue.raw_data``) through ``roadmap_display``. Full block
deserialisation of 300 activities measured 3.3× the time of a rich-text page
(STACK.md). Measured choices (benchmarks/bench_roadmap.py, 300 activities
against the same text in one rich-text field, CPU time): rows built as
escaped strings instead of a template loop, 1.6×; the stages stored as UTF-8
JSON instead of ``\\u`` escapes (``RoadmapStreamField``), a further 0.7 ms;
the built display cached per live revision and day, 1.4×. The flat table is
not used for rendering: the page would then need a second source of truth
for drafts and previews.
"""

from datetime import timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from mentoring_wagtail.access.site_scope import IN_PAGE_TREE

from ..section.base_page import BASE_PAGE_MODEL_NAME, BasePage
from ..section.models import MentoringPageMixin
from .blocks import (
    CLOSED_STATUSES,
    STATUS_CHOICES,
    STATUS_PLANNED,
    RoadmapStreamBlock,
    iter_raw_activities,
)
from .deadlines import parse_deadline
from .display import get_roadmap_display
from .search_once import index_deferred, searchable_texts_memo

SEARCHED_ACTIVITY_FIELDS = (
    "number",
    "title",
    "task",
    "deadline",
    "responsible",
    "result",
    "actual_result",
    "notes",
)


class UnicodeJSONEncoder(DjangoJSONEncoder):
    """Writes Cyrillic as UTF-8 instead of ``\\uXXXX`` escapes."""

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class RoadmapStreamField(StreamField):
    """A StreamField stored without ASCII escapes.

    A Russian roadmap's JSON is then half the size and is decoded twice as
    fast on every page view (benchmarks/bench_roadmap.py).
    """

    @property
    def json_field(self):
        return models.JSONField(encoder=UnicodeJSONEncoder)

    def get_searchable_content(self, value):
        """The stages' and activities' text, read from the stored JSON.

        Wagtail's default builds every block (and lists the status choices
        for each activity): 6.6 s of a 3,000-activity import, for the same
        words. Statuses are not indexed; the dashboard filters by them.
        """
        raw = getattr(value, "raw_data", value) or []
        memo = searchable_texts_memo()
        if memo is not None and id(raw) in memo:
            return memo[id(raw)][1]
        texts = []
        for stage in raw:
            if stage.get("type") == "stage":
                stage_value = stage.get("value") or {}
                texts += [stage_value.get("title"), stage_value.get("goal")]
        for _index, _stage, _id, activity in iter_raw_activities(value):
            texts += [activity.get(name) for name in SEARCHED_ACTIVITY_FIELDS]
        # One text: the search backends walk a list item by item (150,000
        # calls for 3,000 activities) to the same words.
        content = ["\n".join(text for text in texts if text and isinstance(text, str))]
        if memo is not None:
            memo[id(raw)] = (raw, content)  # the value kept alive: its id stays its own
        return content

    def extract_references(self, value):
        """Evidence is the only thing a roadmap refers to: without any, the
        reference index need not build every block (3.3 s at 3,000)."""
        if any(
            activity.get("evidence")
            for _index, _stage, _id, activity in iter_raw_activities(value)
        ):
            yield from super().extract_references(value)


def roadmap_summary(page, today=None):
    """Counts by status and the overdue activities of a page's stages."""
    today = today or timezone.localdate()
    labels = dict(STATUS_CHOICES)
    counts = dict.fromkeys(labels, 0)
    overdue = []
    for _index, stage, _id, value in iter_raw_activities(page.stages):
        status = value.get("status") or STATUS_PLANNED
        counts[status] = counts.get(status, 0) + 1
        deadline = parse_deadline(value.get("deadline") or "", page.academic_year)
        if status not in CLOSED_STATUSES and deadline.is_overdue(today):
            overdue.append(
                {
                    "stage": (stage.get("value") or {}).get("title", ""),
                    "number": value.get("number") or "",
                    "title": value.get("title") or "",
                    "deadline": value.get("deadline") or "",
                    "status": labels.get(status, status),
                }
            )
    return {
        "total": sum(counts.values()),
        "by_status": [(labels[key], counts[key]) for key in labels],
        "overdue": overdue,
    }


class RoadmapProgressPanel(Panel):
    """Read-only summary in the editor: progress and overdue activities."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "mentoring_wagtail/roadmaps/progress_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["summary"] = roadmap_summary(self.instance)
            return context


class ImportWarningsPanel(FieldPanel):
    """The import's warnings, shown above the form until the curator clears them."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return (
                bool(getattr(self.instance, "import_warnings", ""))
                and super().is_shown()
            )


class RoadmapPageMixin(MentoringPageMixin, models.Model):
    """Fields and behaviour of a roadmap page; mix it into your own page type."""

    academic_year = models.CharField(
        _("academic year"), max_length=20, blank=True, help_text=_("e.g. «2024/2025»")
    )
    intro = RichTextField(_("introduction"), blank=True)
    approval_text = models.TextField(
        _("approval"),
        blank=True,
        help_text=_(
            "the «УТВЕРЖДАЮ» block as written, e.g. «Директор … Приказ № 21 от "
            "30.08.2024 г.»"
        ),
    )
    considered_text = models.TextField(
        _("considered"),
        blank=True,
        help_text=_(
            "the «РАССМОТРЕНО» block as written, e.g. «на педагогическом совете "
            "30.08.2024 г. Протокол № 1»"
        ),
    )
    # PROTECT like the documents' own references: an order a roadmap cites
    # is revoked, never deleted (``refuse_deleting_referenced``).
    approved_by_order = models.ForeignKey(
        "mentoring_wagtail.Order",
        verbose_name=_("approved by order"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    import_warnings = models.TextField(
        _("import warnings"),
        blank=True,
        help_text=_(
            "what the Word import guessed: check each point, then clear this "
            "field to dismiss the warnings"
        ),
    )
    stages = RoadmapStreamField(
        RoadmapStreamBlock(), verbose_name=_("stages"), blank=True
    )

    search_fields = [
        index.SearchField("intro"),
        index.SearchField("stages"),
        index.FilterField("academic_year"),
    ]
    template = "mentoring_wagtail/roadmap_page.html"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        with transaction.atomic():
            result = super().save(*args, **kwargs)
            if update_fields is None or "stages" in update_fields:
                rebuild_roadmap_activities(self)
        return result

    def get_indexed_instance(self):
        if index_deferred():
            return None  # an import indexes the page once, at its end
        return super().get_indexed_instance()

    def get_roadmap_display(self, request=None, today=None):
        return get_roadmap_display(self, request=request, today=today)

    def get_meta_description(self):
        if description := super().get_meta_description():
            return description
        if self.academic_year:
            return _("Mentoring roadmap for the academic year %(year)s") % {
                "year": self.academic_year
            }
        return str(_("Mentoring roadmap"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisation"] = self.get_organisation(request)
        context["roadmap"] = self.get_roadmap_display(request)
        return context


class RoadmapPage(RoadmapPageMixin, BasePage):  # noqa: DJ008 - Page has __str__
    parent_page_types = ["mentoring_wagtail.MentoringIndexPage"]
    subpage_types = []
    # Kept once published (section.official_pages).
    official_document = True

    content_panels = BasePage.content_panels + [
        ImportWarningsPanel("import_warnings"),
        "academic_year",
        "approved_by_order",
        "approval_text",
        "considered_text",
        "intro",
        RoadmapProgressPanel(heading=_("execution")),
        "stages",
    ]
    search_fields = BasePage.search_fields + RoadmapPageMixin.search_fields

    mentoring_site_path = IN_PAGE_TREE

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")


class RoadmapActivity(models.Model):
    """One activity of a roadmap, derived from the page; never edited directly."""

    mentoring_site_path = "page"

    page = models.ForeignKey(
        BASE_PAGE_MODEL_NAME,
        on_delete=models.CASCADE,
        related_name="roadmap_activities",
        verbose_name=_("roadmap"),
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    block_id = models.CharField(_("block id"), max_length=64, blank=True)
    stage_index = models.PositiveIntegerField(_("stage number"), default=0)
    stage_title = models.TextField(_("stage"), blank=True)
    number = models.CharField(_("number"), max_length=32, blank=True)
    title = models.TextField(_("activity"))
    deadline_text = models.CharField(_("deadline"), max_length=500, blank=True)
    deadline_kind = models.CharField(_("deadline kind"), max_length=16, blank=True)
    deadline_start = models.DateField(_("starts"), null=True, blank=True)
    deadline_end = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=STATUS_CHOICES, default=STATUS_PLANNED
    )

    class Meta:
        verbose_name = _("roadmap activity")
        verbose_name_plural = _("roadmap activities")
        ordering = ["page", "sort_order"]
        indexes = [models.Index(fields=["deadline_end", "status"])]

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    @property
    def is_open(self):
        return self.status not in CLOSED_STATUSES

    def is_overdue_on(self, today):
        return (
            self.is_open and self.deadline_end is not None and self.deadline_end < today
        )

    @property
    def is_overdue(self):
        return self.is_overdue_on(getattr(self, "_today", None) or timezone.localdate())


def rebuild_roadmap_activities(page):
    """Replace the page's rows of ``RoadmapActivity`` from its StreamField."""
    rows = []
    for order, (stage_index, stage, block_id, value) in enumerate(
        iter_raw_activities(page.stages)
    ):
        deadline_text = (value.get("deadline") or "")[:500]
        deadline = parse_deadline(deadline_text, page.academic_year)
        rows.append(
            RoadmapActivity(
                page_id=page.pk,
                sort_order=order,
                block_id=block_id or "",
                stage_index=stage_index,
                stage_title=(stage.get("value") or {}).get("title") or "",
                number=(value.get("number") or "")[:32],
                title=value.get("title") or "",
                deadline_text=deadline_text,
                deadline_kind=deadline.kind,
                deadline_start=deadline.start,
                deadline_end=deadline.end,
                status=value.get("status") or STATUS_PLANNED,
            )
        )
    RoadmapActivity.objects.filter(page_id=page.pk).delete()
    RoadmapActivity.objects.bulk_create(rows)


def get_due_activities(within_days=14, today=None, live_only=True, pages=None):
    """Open activities of live roadmaps due within ``within_days`` or overdue.

    Each has ``page`` (the specific roadmap page), ``stage_title``, ``number``,
    ``title``, ``deadline_text``, ``deadline_end``, ``status`` and
    ``is_overdue``; the most overdue come first. Three queries whatever the count.
    ``pages`` (a page queryset) keeps the activities of those roadmaps only.
    """
    today = today or timezone.localdate()
    queryset = RoadmapActivity.objects.filter(
        deadline_end__isnull=False,
        deadline_end__lte=today + timedelta(days=within_days),
    ).exclude(status__in=CLOSED_STATUSES)
    if live_only:
        queryset = queryset.filter(page__live=True)
    if pages is not None:  # the roadmaps a user may act on
        queryset = queryset.filter(page__in=pages.values("pk"))
    activities = list(queryset.order_by("deadline_end", "page_id", "sort_order"))
    pages = {}
    page_ids = {activity.page_id for activity in activities}
    if page_ids:
        pages = {
            page.pk: page
            for page in BasePage.objects.filter(pk__in=page_ids).specific()
        }
    for activity in activities:
        activity._today = today
        if activity.page_id in pages:
            activity.page = pages[activity.page_id]
    return activities

"""What the public roadmap page shows, read from the stored JSON of its stages.

Speed matters here (benchmarks/bench_roadmap.py): a Django template loop over
hundreds of activities with a dozen lookups each costs more than the rest of
the page, so the rows of each stage are built here as escaped strings and the
template only lays out stages. Evidence is fetched in one query per kind
(registry documents, files, pages), so the query count does not grow with the
number of activities.
"""

from dataclasses import dataclass, field
from html import escape

from django.core.cache import cache
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from wagtail.documents import get_document_model

from ..conf import get_setting
from ..documents.editions import MentoringProgramme, Regulation
from ..documents.orders import Order
from ..documents.registry_lookup import registries_by_site
from ..documents.serving import open_document_ids
from ..section.base_page import BasePage
from .blocks import (
    CLOSED_STATUSES,
    STATUS_CHOICES,
    STATUS_DONE,
    STATUS_PLANNED,
    iter_raw_activities,
)
from .deadlines import parse_deadline

SEPARATOR = "\x1f"
OVERDUE_ROW = '<tr class="roadmap__row--overdue">'


@dataclass
class StageDisplay:
    title: str
    goal: str
    total: int = 0
    done: int = 0
    overdue: int = 0
    rows_html: str = ""

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class MonthDisplay:
    year: int
    month: int
    items: list = field(default_factory=list)

    @property
    def label(self):
        return f"{MONTHS[self.month]} {self.year}"


class RoadmapDisplay:
    def __init__(self, page, today=None):
        self.page = page
        self.today = today or timezone.localdate()
        self.stages = []
        self.months = {}
        self.total = self.done = self.overdue = 0
        self._build()

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def timeline(self):
        """Months with their activities, in order (until the markup is built)."""
        return [self.months[key] for key in sorted(self.months)]

    def _evidence_lookup(self, activities):
        """``{(kind, pk): (url or "", title)}``: one query per kind cited."""
        registry = {
            "order": Order,
            "regulation": Regulation,
            "programme": MentoringProgramme,
        }
        ids = {kind: set() for kind in ("document", "page", *registry)}
        for value in activities:
            for item in value.get("evidence") or ():
                if item.get("type") in ids and isinstance(item.get("value"), int):
                    ids[item["type"]].add(item["value"])
        found = {}
        if ids["document"]:
            # The table is cached and shown to everyone: only files an
            # anonymous visitor may open are named.
            documents = list(
                get_document_model()
                .objects.filter(pk__in=ids["document"])
                .select_related("collection")
            )
            public = open_document_ids(None, documents)
            for document in documents:
                if document.pk in public:
                    found["document", document.pk] = (document.url, document.title)
        if ids["page"]:
            for page in BasePage.objects.live().filter(pk__in=ids["page"]):
                found["page", page.pk] = (page.url, page.title)
        documents = []
        for kind, model in registry.items():
            if ids[kind]:
                # Drafts are not cited to visitors.
                documents += [
                    (kind, document)
                    for document in model.objects.filter(pk__in=ids[kind], live=True)
                ]
        # Each record links to the registry of its own site.
        registries = registries_by_site(document.site_id for _k, document in documents)
        for kind, document in documents:
            registry_page = registries.get(document.site_id)
            url = registry_page.document_url(document) if registry_page else ""
            found[kind, document.pk] = (url, str(document))
        return found

    def _build(self):
        status_labels = {key: escape(str(label)) for key, label in STATUS_CHOICES}
        # Outside the f-string: xgettext does not look inside one.
        overdue_word = escape(gettext("overdue"))
        flag = f' <strong class="roadmap__overdue">{overdue_word}</strong>'

        year = self.page.academic_year
        rows = list(iter_raw_activities(self.page.stages))
        evidence = self._evidence_lookup(value for _i, _s, _id, value in rows)
        has_tasks = any((value.get("task") or "").strip() for *_x, value in rows)
        by_stage = {}
        for index, stage in enumerate(getattr(self.page.stages, "raw_data", [])):
            if stage.get("type") == "stage":
                value = stage.get("value") or {}
                by_stage[index] = StageDisplay(
                    value.get("title") or "", value.get("goal") or ""
                )
        parts = {index: [] for index in by_stage}
        last_task = {}
        for stage_index, _stage, _id, value in rows:
            stage = by_stage[stage_index]
            status = value.get("status")
            if status not in status_labels:
                status = STATUS_PLANNED
            deadline_text = value.get("deadline") or ""
            deadline = parse_deadline(deadline_text, year)
            overdue = status not in CLOSED_STATUSES and deadline.is_overdue(self.today)
            stage.total += 1
            stage.done += status == STATUS_DONE
            stage.overdue += overdue
            # One escape() call per row: the fields joined by a separator that
            # XML 1.0 (so Word) cannot carry, then split again.
            number, title, deadline_html, responsible, result, actual, task = (
                escape(
                    SEPARATOR.join(
                        (
                            value.get("number") or "",
                            value.get("title") or "",
                            deadline_text,
                            value.get("responsible") or "",
                            value.get("result") or "",
                            value.get("actual_result") or "",
                            (value.get("task") or "").strip() if has_tasks else "",
                        )
                    )
                )
                .replace("\n", "<br>")
                .split(SEPARATOR)
            )
            if task and task != last_task.get(stage_index):
                parts[stage_index].append(
                    '<tr class="roadmap__task"><th colspan="7" scope="colgroup">'
                    f"{task}</th></tr>"
                )
            last_task[stage_index] = task
            links = "".join(
                format_html(' <a href="{}">{}</a>', *evidence[key])
                if evidence[key][0]
                else format_html(" {}", evidence[key][1])
                for key in (
                    (item.get("type"), item.get("value"))
                    for item in value.get("evidence") or ()
                )
                if key in evidence
            )
            # Kept lean: the page's weight is mostly this markup. Column names
            # for the phone layout come from roadmap.css (no inline style: CSP).
            parts[stage_index].append(
                (OVERDUE_ROW if overdue else "<tr>")
                + f'<td>{number}</td><th scope="row">{title}</th>'
                f"<td>{deadline_html}{flag if overdue else ''}</td>"
                f"<td>{responsible}</td><td>{result}</td>"
                f'<td class="roadmap__status--{status}">{status_labels[status]}</td>'
                f"<td>{actual}{links}</td></tr>"
            )
            # The timeline lists an activity in the month it is due (or
            # starts, when open-ended), and a recurrence in each of its months.
            if deadline.months and deadline.start:
                keys = deadline.month_keys()
                keys = [k for k in keys if k[1] in deadline.months]
            elif deadline.end or deadline.start:
                day = deadline.end or deadline.start
                keys = [(day.year, day.month)]
            else:
                keys = ()
            if keys:
                raw_title = value.get("title") or ""
                short = title if len(raw_title) <= 90 else escape(raw_title[:90]) + "…"
                item = (
                    f"<li>{number} {short} ({status_labels[status]}"
                    f"{', ' + flag.strip() if overdue else ''})</li>"
                )
                for key in keys:
                    month = self.months.get(key)
                    if month is None:
                        month = self.months[key] = MonthDisplay(*key)
                    month.items.append(item)
        self.timeline_html = self._timeline_html()
        self.months = {}  # only the markup is kept (and cached)
        for index, stage in by_stage.items():
            stage.rows_html = mark_safe("".join(parts[index]))  # noqa: S308 - built escaped
            self.stages.append(stage)
            self.total += stage.total
            self.done += stage.done
            self.overdue += stage.overdue

    def _timeline_html(self):
        """The month-by-month list, built here for the same reason as the rows."""
        return mark_safe(  # noqa: S308 - every item was escaped in _build
            "".join(
                f'<li class="roadmap__month"><h3>{escape(month.label)}</h3>'
                f"<ul>{''.join(month.items)}</ul></li>"
                for month in self.timeline
            )
        )


def get_roadmap_display(page, request=None, today=None):
    """The display of a page, from Django's cache when the live page was built today.

    The key holds the live revision, the day (overdue flags change with it)
    and the language, so publishing or a new day renders afresh; previews and
    drafts are never cached. ``ROADMAP_CACHE_TIMEOUT`` = 0 turns it off.
    """
    today = today or timezone.localdate()
    timeout = get_setting("ROADMAP_CACHE_TIMEOUT")
    key = None
    if (
        timeout
        and page.pk
        and page.live
        and page.live_revision_id
        and page.last_published_at
        and not getattr(request, "is_preview", False)
    ):
        key = (
            f"mentoring_wagtail:roadmap:{page.pk}:{page.live_revision_id}:"
            f"{page.last_published_at.timestamp()}:{today.isoformat()}:{get_language()}"
        )
        state = cache.get(key)
        if state is not None:
            display = RoadmapDisplay.__new__(RoadmapDisplay)
            display.__dict__.update(state, page=page)
            return display
    display = RoadmapDisplay(page, today=today)
    if key is not None:
        cache.set(
            key, {k: v for k, v in display.__dict__.items() if k != "page"}, timeout
        )
    return display

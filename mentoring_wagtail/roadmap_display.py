"""What the public roadmap page shows, read from the stored JSON of its stages.

Speed matters here (benchmarks/bench_roadmap.py): a Django template loop over
hundreds of activities with a dozen lookups each costs more than the rest of
the page, so the rows of each stage are built here with ``format_html`` and
``escape`` and the template only lays out stages. Evidence is fetched in one
query per kind (documents, pages), so the query count does not grow with the
number of activities.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .blocks import CLOSED_STATUSES, STATUS_CHOICES, STATUS_DONE, STATUS_PLANNED
from .deadlines import parse_deadline
from .models.roadmap import iter_raw_activities


def _text(value):
    """Escaped text with its line breaks kept."""
    return escape(value or "").replace("\n", "<br>")


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
        return [self.months[key] for key in sorted(self.months)]

    def _evidence_lookup(self, activities):
        from wagtail.documents import get_document_model

        from .models.base_page import BasePage

        ids = {"document": set(), "page": set()}
        for value in activities:
            for item in value.get("evidence") or []:
                if item.get("type") in ids and isinstance(item.get("value"), int):
                    ids[item["type"]].add(item["value"])
        found = {}
        if ids["document"]:
            for document in get_document_model().objects.filter(pk__in=ids["document"]):
                found["document", document.pk] = (document.url, document.title)
        if ids["page"]:
            for page in BasePage.objects.live().filter(pk__in=ids["page"]):
                found["page", page.pk] = (page.url, page.title)
        return found

    def _build(self):
        status_labels = {key: str(label) for key, label in STATUS_CHOICES}
        overdue_label = gettext("overdue")
        year = self.page.academic_year
        rows = list(iter_raw_activities(self.page.stages))
        evidence = self._evidence_lookup(value for _i, _s, _id, value in rows)
        has_tasks = any((value.get("task") or "").strip() for *_x, value in rows)
        by_stage = {}
        for index, stage in enumerate(getattr(self.page.stages, "raw_data", [])):
            if stage.get("type") == "stage":
                value = stage.get("value") or {}
                by_stage[index] = StageDisplay(value.get("title") or "", value.get("goal") or "")
        parts = {index: [] for index in by_stage}
        last_task = {}
        for stage_index, _stage, _id, value in rows:
            stage = by_stage[stage_index]
            status = value.get("status") or STATUS_PLANNED
            deadline = parse_deadline(value.get("deadline") or "", year)
            overdue = status not in CLOSED_STATUSES and deadline.is_overdue(self.today)
            stage.total += 1
            stage.done += status == STATUS_DONE
            stage.overdue += overdue
            task = (value.get("task") or "").strip()
            if has_tasks and task and task != last_task.get(stage_index):
                parts[stage_index].append(
                    format_html(
                        '<tr class="roadmap__task"><th colspan="7" scope="colgroup">{}</th></tr>',
                        mark_safe(_text(task)),  # noqa: S308 - escaped by _text
                    )
                )
            last_task[stage_index] = task
            links = "".join(
                format_html(' <a href="{}">{}</a>', *evidence[item["type"], item["value"]])
                for item in value.get("evidence") or []
                if (item.get("type"), item.get("value")) in evidence
            )
            flag = (
                f' <strong class="roadmap__overdue">{escape(overdue_label)}</strong>'
                if overdue
                else ""
            )
            parts[stage_index].append(
                f'<tr class="roadmap__row roadmap__row--{escape(status)}'
                f'{" roadmap__row--overdue" if overdue else ""}">'
                f'<td class="roadmap__number">{_text(value.get("number"))}</td>'
                f'<th scope="row" class="roadmap__activity">{_text(value.get("title"))}</th>'
                f'<td class="roadmap__deadline">{_text(value.get("deadline"))}{flag}</td>'
                f"<td>{_text(value.get('responsible'))}</td>"
                f"<td>{_text(value.get('result'))}</td>"
                f'<td class="roadmap__status roadmap__status--{escape(status)}">'
                f"{escape(status_labels.get(status, status))}</td>"
                f"<td>{_text(value.get('actual_result'))}{links}</td></tr>"
            )
            for key in deadline.month_keys():
                month = self.months.get(key)
                if month is None:
                    month = self.months[key] = MonthDisplay(*key)
                month.items.append((value.get("number") or "", value.get("title") or "", status, overdue))
        for index, stage in by_stage.items():
            stage.rows_html = mark_safe("".join(parts[index]))  # noqa: S308 - built escaped
            self.stages.append(stage)
            self.total += stage.total
            self.done += stage.done
            self.overdue += stage.overdue

    def timeline_html(self):
        """The month-by-month list, built here for the same reason as the rows."""
        status_labels = {key: str(label) for key, label in STATUS_CHOICES}
        out = []
        for month in self.timeline:
            items = "".join(
                f'<li class="roadmap__timeline-item roadmap__timeline-item--{escape(status)}">'
                f"{escape(number)} {escape(title[:200])}"
                f' <span class="roadmap__timeline-status">({escape(status_labels.get(status, status))})</span></li>'
                for number, title, status, _overdue in month.items
            )
            out.append(
                f'<li class="roadmap__month"><h3>{escape(month.label)}</h3><ul>{items}</ul></li>'
            )
        return mark_safe("".join(out))  # noqa: S308 - built escaped

"""Move a roadmap between its three shapes: page, plain dataclasses, JSON.

The admin import view and ``import_roadmap`` share ``create_roadmap_page``;
the downloads and ``export_roadmap`` share ``roadmap_from_page``.
"""

import datetime
import uuid

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..documents.orders import Order
from .blocks import STATUS_PLANNED, iter_raw_activities
from .evidence_refs import official_ref, refs_for, resolve_refs
from .evidence_suggestions import offer_after_import
from .interchange import Activity, Roadmap, Stage
from .json_format import roadmap_to_json as to_json
from .models import RoadmapPage
from .search_once import indexed_once

ACTIVITY_FIELDS = (
    "number",
    "title",
    "task",
    "deadline",
    "responsible",
    "result",
    "status",
    "actual_result",
    "notes",
)
PAGE_TITLE_MAX = 255


def roadmap_from_page(page):
    """The page's roadmap as dataclasses, read from the stored JSON; evidence
    and the approving order as stable references (``roadmaps.evidence_refs``)."""
    order = getattr(page, "approved_by_order", None)
    roadmap = Roadmap(
        title=page.title,
        year=page.academic_year,
        approval_text=page.approval_text,
        considered_text=getattr(page, "considered_text", ""),
        intro_html=str(page.intro or ""),
        approved_order=official_ref("order", order) if order else None,
    )
    if getattr(page, "import_warnings", ""):
        roadmap.warnings = page.import_warnings.split("\n")
    stages = {}
    for index, stage in enumerate(getattr(page.stages, "raw_data", page.stages) or []):
        if stage.get("type") == "stage":
            value = stage.get("value") or {}
            stages[index] = Stage(
                title=value.get("title") or "", goal=value.get("goal") or ""
            )
            roadmap.stages.append(stages[index])
    rows = list(iter_raw_activities(page.stages))
    site = page.get_site()
    evidence = refs_for(
        [value.get("evidence") or [] for *_x, value in rows],
        root_url=site.root_url if site else "",
    )
    for (stage_index, _stage, _id, value), refs in zip(rows, evidence, strict=True):
        activity = Activity(
            **{name: value.get(name) or "" for name in ACTIVITY_FIELDS},
        )
        activity.status = activity.status or STATUS_PLANNED
        activity.evidence = refs
        stages[stage_index].activities.append(activity)
    return roadmap


def roadmap_to_json(roadmap):
    """Every field of the roadmap (``roadmaps.json_format``)."""
    return to_json(roadmap)


def stream_data(roadmap):
    """Raw StreamField data (with fresh block ids) for the roadmap's stages."""
    return [
        {
            "type": "stage",
            "id": str(uuid.uuid4()),
            "value": {
                "title": stage.title,
                "goal": stage.goal,
                "activities": [
                    {
                        "type": "item",
                        "id": str(uuid.uuid4()),
                        "value": {
                            **{
                                name: getattr(activity, name)
                                for name in ACTIVITY_FIELDS
                            },
                            "evidence": [
                                {**item, "id": str(uuid.uuid4())}
                                for item in getattr(activity, "stream_evidence", [])
                            ],
                        },
                    }
                    for activity in stage.activities
                ],
            },
        }
        for stage in roadmap.stages
    ]


def _resolve_evidence(roadmap, parent):
    """Evidence references (from JSON) as StreamField items, in place."""
    site = parent.get_site()
    for stage in roadmap.stages:
        for activity in stage.activities:
            if not activity.evidence:  # every activity read from Word
                activity.stream_evidence = []
                continue
            items, problems = resolve_refs(activity.evidence, site)
            activity.stream_evidence = items
            roadmap.warnings += problems


def _find_order(roadmap, parent):
    """The registered order matching «Приказ № 21 от 30.08.2024», if any."""
    if not roadmap.order_number:
        return None
    orders = Order.objects.filter(number=roadmap.order_number)
    site = parent.get_site()
    if site is not None:
        orders = orders.filter(site=site)
    if roadmap.order_date:
        day, month, year = roadmap.order_date.split(".")
        year = int(year) + 2000 if len(year) == 2 else int(year)
        try:
            orders = orders.filter(date=datetime.date(year, int(month), int(day)))
        except ValueError:
            return None
    return orders.order_by("-date").first()


def order_reference(order):
    """«Приказ № 21 от 30.08.2024 г.» for the approval block of a document."""
    if order is None:
        return ""
    return f"Приказ № {order.number} от {order.date:%d.%m.%Y} г."


def intro_html(roadmap):
    """The introduction whole, then each attached table: its title in bold
    and one paragraph a row, the cells separated by « | » (the rich-text
    editor keeps paragraphs, not tables)."""
    parts = [f"<p>{escape(line)}</p>" for line in roadmap.intro]
    for table in roadmap.attachments:
        if table.get("title"):
            parts.append(f"<p><b>{escape(table['title'])}</b></p>")
        parts += [
            f"<p>{escape(' | '.join(cell for cell in row))}</p>"
            for row in table["rows"]
        ]
    return "".join(parts)


def _free_slug(parent, title):
    """A slug from the title not yet taken under ``parent`` (imports may repeat)."""
    base = slugify(title, allow_unicode=True)[:80].strip("-") or "roadmap"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def create_roadmap_page(parent, roadmap, user=None, publish=False, page_model=None):
    """Create a RoadmapPage under ``parent``; a draft unless ``publish``.

    All or nothing: the page, its revision and its derived activities are
    created in one transaction.
    """
    page_model = page_model or RoadmapPage
    title = roadmap.title or _("Roadmap")
    if len(title) > PAGE_TITLE_MAX:
        roadmap.warnings.append(
            _("The title was shortened to %(max)s characters.")
            % {"max": PAGE_TITLE_MAX}
        )
        title = title[: PAGE_TITLE_MAX - 1] + "…"
    intro = roadmap.intro_html or intro_html(roadmap)
    _resolve_evidence(roadmap, parent)
    page = page_model(
        title=title,
        slug=_free_slug(parent, title),
        academic_year=roadmap.year,
        approval_text=roadmap.approval_text,
        intro=intro,
        stages=stream_data(roadmap),
        live=False,
        owner=user,
    )
    if roadmap.approved_order and hasattr(page_model, "approved_by_order"):
        found, problems = resolve_refs([roadmap.approved_order], parent.get_site())
        roadmap.warnings += problems
        if found:
            page.approved_by_order_id = found[0]["value"]
    elif roadmap.order_number and hasattr(page_model, "approved_by_order"):
        page.approved_by_order = _find_order(roadmap, parent)
        if page.approved_by_order is None:
            roadmap.warnings.append(
                _(
                    "No order № %(number)s in the registry; "
                    "the approval is kept as text."
                )
                % {"number": roadmap.order_number}
            )
    if hasattr(page, "considered_text"):
        page.considered_text = roadmap.considered_text
    if hasattr(page, "import_warnings"):
        page.import_warnings = "\n".join(roadmap.warnings)
    with transaction.atomic(), indexed_once(page):
        parent.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=user)
        revision = page.save_revision(user=user, log_action=False)
        if publish:
            # Only the shell command and the demo loader publish; the admin
            # import always makes a draft for the approval workflow.
            revision.publish(user=user, skip_permission_checks=True)
            page.refresh_from_db()

        offer_after_import(page)
    return page

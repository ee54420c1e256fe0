"""The rows of the execution report, and the changes a curator posts to them.

Reads and writes the StreamField's stored JSON (``raw_data``) directly: the
report shows and changes a few fields of every activity, and deserialising
300 activity blocks costs more than the whole report (STACK.md).
"""

import copy
import uuid
from dataclasses import dataclass, field

from .blocks import CLOSED_STATUSES, STATUS_CHOICES, STATUS_PLANNED
from .deadlines import parse_deadline
from .evidence_refs import refs_for
from .models import iter_raw_activities

SHOW_CHOICES = ("all", "open", "overdue")
STATUSES = {key for key, _label in STATUS_CHOICES}


@dataclass
class ReportRow:
    block_id: str
    stage: str
    task: str
    number: str
    title: str
    deadline: str
    responsible: str
    status: str
    actual_result: str
    overdue: bool
    evidence: list = field(default_factory=list)  # references with title/url
    suggestions: list = field(default_factory=list)
    new_stage: bool = False
    new_task: bool = False


def report_rows(page, today, show="all"):
    """Every activity of ``page`` (a revision object) that ``show`` keeps."""
    raw = list(iter_raw_activities(page.stages))
    evidence = refs_for([value.get("evidence") or [] for *_x, value in raw])
    rows, last_stage, last_task = [], None, None
    for (stage_index, stage, block_id, value), refs in zip(raw, evidence, strict=True):
        status = value.get("status") or STATUS_PLANNED
        deadline = value.get("deadline") or ""
        is_open = status not in CLOSED_STATUSES
        overdue = is_open and parse_deadline(deadline, page.academic_year).is_overdue(
            today
        )
        if (show == "open" and not is_open) or (show == "overdue" and not overdue):
            continue
        task = value.get("task") or ""
        row = ReportRow(
            block_id=block_id or "",
            stage=(stage.get("value") or {}).get("title") or "",
            task=task,
            number=value.get("number") or "",
            title=value.get("title") or "",
            deadline=deadline,
            responsible=value.get("responsible") or "",
            status=status,
            actual_result=value.get("actual_result") or "",
            overdue=overdue,
            evidence=refs,
        )
        row.new_stage = stage_index != last_stage
        row.new_task = bool(task) and (row.new_stage or task != last_task)
        last_stage, last_task = stage_index, task
        rows.append(row)
    return rows


def apply_changes(stages_value, changes, confirmed):
    """Raw stages with ``changes`` (``{block id: {"status", "actual_result"}}``)
    and confirmed evidence (``{block id: [order pk]}``) applied; ``None``
    when nothing changes. The stored data is copied, never changed in place."""
    raw = copy.deepcopy(list(getattr(stages_value, "raw_data", stages_value) or []))
    changed = False
    for stage in raw:
        for item in (stage.get("value") or {}).get("activities") or []:
            if not isinstance(item, dict) or item.get("id") not in (
                changes.keys() | confirmed.keys()
            ):
                continue
            value = item["value"]
            for name, new in changes.get(item["id"], {}).items():
                if (value.get(name) or "") != new:
                    value[name] = new
                    changed = True
            evidence = value.setdefault("evidence", [])
            for order_pk in confirmed.get(item["id"], ()):
                if not any(
                    e.get("type") == "order" and e.get("value") == order_pk
                    for e in evidence
                ):
                    evidence.append(
                        {"type": "order", "value": order_pk, "id": str(uuid.uuid4())}
                    )
                    changed = True
    return raw if changed else None

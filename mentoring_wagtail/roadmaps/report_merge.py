"""What a curator's execution report changes, measured against what they saw.

The report is posted with the revision it was opened on (the base). Someone
else may have saved since — or nothing may have changed at all: opening a
draft in the page editor autosaves it, a new revision with the same content.
A three-way comparison per field decides:

- a field the curator left as it was in the base is not written (it would
  undo someone else's change);
- a field the curator changed, where the latest revision still has the base's
  value (or the very same new value), is applied;
- a field both changed to different values is a conflict: nothing is saved,
  and the report is shown again with what the curator typed beside the other
  version.

A revision without changes therefore never causes a conflict.
"""

from dataclasses import dataclass

from wagtail.models import Revision

from .blocks import STATUS_PLANNED, iter_raw_activities

FIELDS = ("status", "actual_result")


@dataclass
class Conflict:
    block_id: str
    field: str
    theirs: str


def activity_fields(stages_value):
    """``{block id: {"status", "actual_result"}}`` of stored stages."""
    found = {}
    for _index, _stage, block_id, value in iter_raw_activities(stages_value):
        if block_id:
            found[block_id] = {
                "status": value.get("status") or STATUS_PLANNED,
                "actual_result": (value.get("actual_result") or "").strip(),
            }
    return found


def base_revision(page, posted_id):
    """The revision of ``page`` the report was opened on, or None if unknown."""
    try:
        pk = int(posted_id)
    except (TypeError, ValueError):
        return None
    return Revision.page_revisions.filter(object_id=str(page.pk), pk=pk).first()


def merge(base, latest, changes):
    """``(changes to apply, conflicts)``; ``base`` None means it is unknown,
    and then every change that differs from the latest version conflicts."""
    kept, conflicts = {}, []
    for block_id, change in changes.items():
        theirs = latest.get(block_id)
        if theirs is None:  # the activity was removed meanwhile
            continue
        mine_before = base.get(block_id) if base is not None else None
        for name, mine in change.items():
            if name not in FIELDS:
                continue
            if mine_before is not None and mine == mine_before[name]:
                continue  # not touched by the curator
            if theirs[name] == mine:
                continue  # already so
            if mine_before is not None and theirs[name] == mine_before[name]:
                kept.setdefault(block_id, {})[name] = mine
            else:
                conflicts.append(Conflict(block_id, name, theirs[name]))
    return kept, conflicts

"""The roadmap's JSON: everything the page holds, and read back.

Shape (``"format": "mentoring_wagtail.roadmap"``, ``"version": 2``): title,
year, approval_text, considered_text, approved_by_order (a reference, see
``evidence_refs``), intro_html, import_warnings, stages → items with every
field of an activity, evidence as stable references. ``manage.py
import_roadmap FILE.json`` and the admin import read it; page → JSON → page →
JSON gives the same JSON (tests/roadmaps/test_json_roundtrip.py).
"""

import json

from django.utils.translation import gettext as _

from .blocks import STATUS_CHOICES, STATUS_PLANNED
from .interchange import Activity, Roadmap, Stage
from .word_reader import RoadmapImportError, read_roadmap

FORMAT = "mentoring_wagtail.roadmap"
VERSION = 2
TEXT_FIELDS = (
    "number",
    "title",
    "task",
    "deadline",
    "responsible",
    "result",
    "actual_result",
    "notes",
)
STATUSES = {key for key, _label in STATUS_CHOICES}


def roadmap_to_json(roadmap):
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": roadmap.title,
        "year": roadmap.year,
        "approval_text": roadmap.approval_text,
        "considered_text": roadmap.considered_text,
        "approved_by_order": roadmap.approved_order,
        "intro_html": roadmap.intro_html,
        "import_warnings": list(roadmap.warnings),
        "stages": [
            {
                "title": stage.title,
                "goal": stage.goal,
                "items": [
                    {
                        **{name: getattr(a, name) for name in TEXT_FIELDS},
                        "status": a.status,
                        "evidence": list(a.evidence),
                    }
                    for a in stage.activities
                ],
            }
            for stage in roadmap.stages
        ],
    }


def _text(mapping, name, where):
    value = mapping.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RoadmapImportError(
            _("In the JSON, «%(field)s» of %(where)s must be text.")
            % {"field": name, "where": where}
        )
    return value


def _object(value, where):
    if not isinstance(value, dict):
        raise RoadmapImportError(
            _("In the JSON, %(where)s must be an object.") % {"where": where}
        )
    return value


def _list(value, where):
    if value is None:
        return []
    if not isinstance(value, list):
        raise RoadmapImportError(
            _("In the JSON, %(where)s must be a list.") % {"where": where}
        )
    return value


def read_roadmap_json(data):
    """A ``Roadmap`` from JSON bytes; ``RoadmapImportError`` with a clear
    message for anything malformed (nothing is created then)."""
    if isinstance(data, bytes | bytearray):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise RoadmapImportError(_("The JSON file is not UTF-8 text.")) from exc
    try:
        content = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise RoadmapImportError(_("The file is not valid JSON.")) from exc
    content = _object(content, _("the file"))
    if content.get("format", FORMAT) != FORMAT:
        raise RoadmapImportError(_("The JSON file is not a roadmap export."))
    roadmap = Roadmap(
        title=_text(content, "title", _("the roadmap")),
        year=_text(content, "year", _("the roadmap")),
        approval_text=_text(content, "approval_text", _("the roadmap")),
        considered_text=_text(content, "considered_text", _("the roadmap")),
        intro_html=_text(content, "intro_html", _("the roadmap")),
    )
    order = content.get("approved_by_order")
    roadmap.approved_order = _object(order, "approved_by_order") if order else None
    for line in _list(content.get("import_warnings"), "import_warnings"):
        roadmap.warnings.append(str(line))
    stages = _list(content.get("stages"), "stages")
    for s_index, raw_stage in enumerate(stages, start=1):
        where = _("stage %(n)s") % {"n": s_index}
        raw_stage = _object(raw_stage, where)
        stage = Stage(
            title=_text(raw_stage, "title", where), goal=_text(raw_stage, "goal", where)
        )
        if not stage.title.strip():
            raise RoadmapImportError(
                _("In the JSON, %(where)s has no title.") % {"where": where}
            )
        for a_index, raw in enumerate(_list(raw_stage.get("items"), where), start=1):
            item_where = _("activity %(n)s of stage %(s)s") % {
                "n": a_index,
                "s": s_index,
            }
            raw = _object(raw, item_where)
            activity = Activity(
                **{name: _text(raw, name, item_where) for name in TEXT_FIELDS}
            )
            activity.status = raw.get("status") or STATUS_PLANNED
            if activity.status not in STATUSES:
                raise RoadmapImportError(
                    _("In the JSON, %(where)s has an unknown status «%(status)s».")
                    % {"where": item_where, "status": activity.status}
                )
            activity.evidence = [
                _object(ref, item_where)
                for ref in _list(raw.get("evidence"), item_where)
            ]
            stage.activities.append(activity)
        roadmap.stages.append(stage)
    if not roadmap.activity_count:
        raise RoadmapImportError(_("The roadmap table has no activities."))
    return roadmap


def looks_like_json(data):
    head = bytes(data[:64]).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[")


def read_roadmap_file(upload, name=""):
    """A roadmap from a Word (.docx) or JSON export file, by name and content."""
    data = upload if isinstance(upload, bytes | bytearray) else upload.read()
    name = name or getattr(upload, "name", "") or ""
    if name.lower().endswith(".json") or looks_like_json(data):
        return read_roadmap_json(data)
    return read_roadmap(data)

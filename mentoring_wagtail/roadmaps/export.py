"""A roadmap page exported as Word (.docx) or JSON: what the admin's download
and ``manage.py export_roadmap`` share."""

import json

from django.utils.text import slugify

from .json_io import order_reference, roadmap_from_page, roadmap_to_json
from .models import RoadmapPage
from .word_writer import write_roadmap

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def roadmap_page_model():
    return RoadmapPage


def export_roadmap_bytes(page, file_format="docx", report=False, organisation=None):
    """``(bytes, content_type, filename)`` of a roadmap page's export."""
    roadmap = roadmap_from_page(page)
    name = slugify(page.slug or "roadmap", allow_unicode=True) or "roadmap"
    if file_format == "json":
        data = json.dumps(roadmap_to_json(roadmap), ensure_ascii=False, indent=2)
        return data.encode(), "application/json", f"{name}.json"
    order_text = order_reference(getattr(page, "approved_by_order", None))
    if organisation is None:
        organisation = page.get_organisation()
    content = write_roadmap(roadmap, organisation, report=report, order_text=order_text)
    suffix = "-report" if report else ""
    return content, DOCX_TYPE, f"{name}{suffix}.docx"

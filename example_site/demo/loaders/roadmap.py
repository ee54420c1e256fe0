"""The demo school's roadmap with its execution report, imported from Word.

``fixtures/demo-roadmap.docx`` (made by scripts/make_demo_roadmap.py, every
name invented) goes through the same import as the admin's «Импорт из .docx»,
then is published. Idempotent: a roadmap already under the section is kept.
"""

from pathlib import Path

from mentoring_wagtail.models import RoadmapPage
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
from mentoring_wagtail.roadmaps.word_reader import read_roadmap

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "demo-roadmap.docx"


def load(site, section, users):
    existing = RoadmapPage.objects.child_of(section).order_by("path").first()
    if existing is not None:
        return existing
    roadmap = read_roadmap(FIXTURE.read_bytes())
    return create_roadmap_page(
        section, roadmap, user=users.get("curator"), publish=True
    )

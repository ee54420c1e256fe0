"""Export → import gives back the same roadmap."""

import dataclasses

import pytest

from mentoring_wagtail.roadmaps.export import export_roadmap_bytes
from mentoring_wagtail.roadmaps.json_io import (
    create_roadmap_page,
    roadmap_from_page,
    roadmap_to_json,
)
from mentoring_wagtail.roadmaps.word_reader import read_roadmap
from tests import roadmap_docx
from tests.shared_samples import SAMPLES_DIR

pytestmark = pytest.mark.django_db
SAMPLES = SAMPLES_DIR
SOURCES = {
    **{p.name: p.read_bytes for p in sorted(SAMPLES.glob("*.docx"))},
    "seed-003-layout": roadmap_docx.omutninsk_layout,
    "seed-001-layout": roadmap_docx.report_layout,
    "merged-tasks": roadmap_docx.vertical_task_layout,
}


def stages_of(roadmap):
    return [dataclasses.asdict(stage) for stage in roadmap.stages]


@pytest.mark.parametrize("name", sorted(SOURCES))
@pytest.mark.parametrize("report", [False, True])
def test_export_then_import_is_identical(name, report, mentoring_section):
    original = read_roadmap(SOURCES[name]())
    if report:  # an execution report carries every status and actual results
        statuses = ["done", "not_done", "in_progress", "planned", "cancelled"]
        for i, activity in enumerate(a for s in original.stages for a in s.activities):
            activity.status = statuses[i % 5]
            activity.actual_result = (
                f"Выполнено: протокол № {i}\nстрока 2" if i % 2 else ""
            )
    page = create_roadmap_page(mentoring_section, original)
    content, _type, _name = export_roadmap_bytes(page, report=report)
    again = read_roadmap(content)
    expected = stages_of(roadmap_from_page(page))
    if not report:  # the official document has no execution columns
        for stage in expected:
            for activity in stage["activities"]:
                activity["status"], activity["actual_result"] = "planned", ""
    assert stages_of(again) == expected
    assert (again.title, again.year) == (page.title, page.academic_year)
    if original.approval_text:
        assert again.approval_text == original.approval_text
    copy = create_roadmap_page(mentoring_section, again)
    assert stages_of(roadmap_from_page(copy)) == expected
    assert roadmap_to_json(roadmap_from_page(copy))["year"] == page.academic_year

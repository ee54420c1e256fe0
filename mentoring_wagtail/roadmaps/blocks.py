"""StreamField blocks of a roadmap: stages holding their activities.

A stage is one StreamField child (stable id, collapsible and reorderable in the
editor); its activities are a ListBlock, whose items carry stable ids too, so
evidence choosers are tracked by Wagtail's reference index.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

STATUS_PLANNED = "planned"
STATUS_IN_PROGRESS = "in_progress"
STATUS_DONE = "done"
STATUS_NOT_DONE = "not_done"
STATUS_CANCELLED = "cancelled"

STATUS_CHOICES = (
    (STATUS_PLANNED, _("planned")),
    (STATUS_IN_PROGRESS, _("in progress")),
    (STATUS_DONE, _("done")),
    (STATUS_NOT_DONE, _("not done")),
    (STATUS_CANCELLED, _("cancelled")),
)
# Statuses after which a passed deadline is no longer a problem.
CLOSED_STATUSES = (STATUS_DONE, STATUS_CANCELLED)


class EvidenceBlock(blocks.StreamBlock):
    """What shows an activity was carried out: a registry document, a file, a page."""

    order = SnippetChooserBlock("mentoring_wagtail.Order", label=_("order"))
    regulation = SnippetChooserBlock(
        "mentoring_wagtail.Regulation", label=_("regulation")
    )
    programme = SnippetChooserBlock(
        "mentoring_wagtail.MentoringProgramme", label=_("mentoring programme")
    )
    document = DocumentChooserBlock(label=_("document"))
    page = blocks.PageChooserBlock(label=_("page"))

    class Meta:
        label = _("evidence")
        required = False


class ActivityBlock(blocks.StructBlock):
    number = blocks.CharBlock(
        label=_("number"),
        required=False,
        max_length=32,
        help_text=_("as printed, e.g. «1.1», «7», «2.3.»"),
    )
    title = blocks.TextBlock(label=_("activity"))
    task = blocks.TextBlock(
        label=_("task"),
        required=False,
        help_text=_(
            "the task or sub-section the activity serves, if the roadmap has one"
        ),
    )
    deadline = blocks.CharBlock(
        label=_("deadline"),
        required=False,
        max_length=500,
        help_text=_("as written: «31.10.2021», «До 10 апреля 2022», «Ежегодно в мае»"),
    )
    responsible = blocks.TextBlock(label=_("responsible"), required=False)
    result = blocks.TextBlock(label=_("expected result or document"), required=False)
    status = blocks.ChoiceBlock(
        label=_("status"), choices=STATUS_CHOICES, default=STATUS_PLANNED
    )
    actual_result = blocks.TextBlock(label=_("actual result"), required=False)
    evidence = EvidenceBlock()
    notes = blocks.TextBlock(label=_("notes"), required=False)

    class Meta:
        icon = "date"
        label = _("activity")
        form_classname = "struct-block roadmap-activity"


class StageBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("stage"), max_length=1000)
    goal = blocks.TextBlock(
        label=_("goal"),
        required=False,
        help_text=_("as written, e.g. «Задача этапа – …»"),
    )
    activities = blocks.ListBlock(
        ActivityBlock(), label=_("activities"), collapsed=True
    )

    class Meta:
        icon = "list-ol"
        label = _("stage")


class RoadmapStreamBlock(blocks.StreamBlock):
    stage = StageBlock()

    class Meta:
        collapsed = True


def iter_raw_activities(stages_value):
    """Yield ``(stage_index, stage, activity_id, activity)`` from the stored JSON."""
    raw = getattr(stages_value, "raw_data", stages_value) or []
    for stage_index, stage in enumerate(raw):
        if stage.get("type") != "stage":
            continue
        for item in (stage.get("value") or {}).get("activities") or []:
            if (
                isinstance(item, dict)
                and item.get("type") == "item"
                and "value" in item
            ):
                yield stage_index, stage, item.get("id"), item["value"]
            elif isinstance(item, dict):
                yield stage_index, stage, None, item

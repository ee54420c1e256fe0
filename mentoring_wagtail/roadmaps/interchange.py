"""The roadmap as plain data, between Word, JSON and the page.

``Roadmap`` → ``Stage`` → ``Activity`` hold everything a roadmap page holds:
the Word reader fills them, the writers and the JSON export read them, and
``create_roadmap_page`` turns them into a page. ``Activity.task`` is the task
or numbered sub-section the activity serves («1. Изучение и систематизация …»);
``Activity.evidence`` holds stable references (``{"type": "order", "ref":
"21 от 30.08.2024"}``, see ``roadmaps.evidence_refs``).
"""

from dataclasses import dataclass, field

from .blocks import STATUS_PLANNED


@dataclass
class Activity:
    number: str = ""
    title: str = ""
    task: str = ""
    deadline: str = ""
    responsible: str = ""
    result: str = ""
    status: str = STATUS_PLANNED
    actual_result: str = ""
    notes: str = ""
    evidence: list = field(default_factory=list)


@dataclass
class Stage:
    title: str
    goal: str = ""
    activities: list = field(default_factory=list)


@dataclass
class Roadmap:
    title: str = ""
    year: str = ""
    approval_text: str = ""  # «УТВЕРЖДАЮ: Директор … Приказ № 21 от …»
    considered_text: str = ""  # «РАССМОТРЕНО на педагогическом совете … Протокол № 1»
    order_number: str = ""
    order_date: str = ""
    intro: list = field(default_factory=list)  # paragraphs above the table
    intro_html: str = ""  # the page's introduction as is (JSON); wins over intro
    approved_order: dict | None = None  # reference of the approving order (JSON)
    stages: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    # Tables after the plan (target indicators, participants): never
    # activities; ``{"title": paragraph above it, "rows": [[cell, …], …]}``.
    attachments: list = field(default_factory=list)

    @property
    def activity_count(self):
        return sum(len(stage.activities) for stage in self.stages)

"""Write a roadmap as the official Word document, or as its execution report.

Layout (A4 landscape, through the one Word writer ``word.office``): the
organisation's name in the first page's header, the «УТВЕРЖДАЮ» block on
the right, the title (and the academic year when the title lacks it), then
the table: stage rows merged across, a goal row under a stage, a «Задачи»
column merged down when activities carry tasks. The report variant adds the
completion mark (status) and actual-result columns. ``roadmaps.word_reader`` reads
this layout back into the same roadmap.
"""

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from ..word.office import (
    A4_LONG,
    MARGINS,
    document_bytes,
    fit_widths,
    new_document,
    set_column_widths,
)
from .blocks import STATUS_CHOICES
from .word_layout import RE_YEAR
from .word_reader import RE_GOAL


def _columns(roadmap, report):
    activities = [a for stage in roadmap.stages for a in stage.activities]
    columns = [("number", _("No."))]
    if any(a.task for a in activities):
        columns.append(("task", _("Tasks")))
    columns += [
        ("title", _("Activity")),
        ("deadline", _("Deadline")),
        ("responsible", _("Responsible")),
        ("result", _("Expected result")),
    ]
    if report:
        columns += [
            ("status", _("Completion mark")),
            ("actual_result", _("Actual result")),
        ]
    if report and any(a.evidence for a in activities):
        columns.append(("evidence", _("Evidence")))
    if any(a.notes for a in activities):
        columns.append(("notes", _("Notes")))
    return columns


# Relative column widths: the activity and the results need room, the number
# does not (equal widths broke «Ответственный» mid-word).
COLUMN_WEIGHTS = {
    "number": 11,
    "task": 30,
    "title": 60,
    "deadline": 24,
    "responsible": 32,
    "result": 45,
    "status": 30,
    "actual_result": 45,
    "evidence": 30,
    "notes": 25,
}


def _set_text(cell, text, bold=False, italic=False):
    lines = (text or "").split("\n")
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
        run.italic = italic


def _set_links(cell, refs):
    """Evidence as its titles, each a hyperlink when it has an address."""
    paragraph = cell.paragraphs[0]
    for index, ref in enumerate(refs):
        if index:
            paragraph = cell.add_paragraph()
        title, url = ref.get("title") or "", ref.get("url") or ""
        if not url.startswith(("http://", "https://")):
            paragraph.add_run(title)
            continue
        r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), r_id)
        run = OxmlElement("w:r")
        properties = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), "Hyperlink")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        properties.extend([style, underline])
        text = OxmlElement("w:t")
        text.text = title
        run.extend([properties, text])
        link.append(run)
        paragraph._p.append(link)


def _approval_lines(roadmap, organisation, order_text):
    """The «УТВЕРЖДАЮ» block: the page's own approval, or one made from the
    approving order; none at all when the page has neither (the export never
    signs a plan in the director's name that nobody approved)."""
    if not roadmap.approval_text.strip() and not order_text:
        return []
    if roadmap.approval_text.strip().upper().startswith("УТВЕРЖД"):
        return roadmap.approval_text.split("\n")
    lines = ["УТВЕРЖДАЮ"]
    if organisation is not None:
        director = " ".join(
            part
            for part in (organisation.director_title, organisation.display_name)
            if part
        )
        if director:
            lines.append(director)
        lines.append(f"_____________ {organisation.director_name}".rstrip())
    lines += [line for line in roadmap.approval_text.split("\n") if line.strip()]
    if order_text and order_text not in roadmap.approval_text:
        lines.append(order_text)
    return lines


def _mark_header_row(row):
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def write_roadmap(roadmap, organisation=None, report=False, order_text=""):
    """The .docx bytes of ``roadmap`` (a ``roadmaps.interchange.Roadmap``)."""
    document = new_document()
    section = document.sections[0]
    name = ""
    if organisation is not None:
        name = organisation.full_name or organisation.short_name
    if name:
        # The first page's header; the next pages' carries the page number.
        section.different_first_page_header_footer = True
        header = section.first_page_header.paragraphs[0]
        header.text = name
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER

    if roadmap.considered_text:  # «РАССМОТРЕНО на педагогическом совете …»
        for line in roadmap.considered_text.split("\n"):
            document.add_paragraph(line).paragraph_format.space_after = Pt(0)
        document.add_paragraph()
    approval = _approval_lines(roadmap, organisation, order_text)
    for line in approval:
        paragraph = document.add_paragraph(line)
        paragraph.paragraph_format.left_indent = Cm(17)
        paragraph.paragraph_format.space_after = Pt(0)
    if approval:
        document.add_paragraph()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(roadmap.title).bold = True
    if roadmap.year and not RE_YEAR.search(roadmap.title):
        year = document.add_paragraph(
            _("%(year)s academic year") % {"year": roadmap.year}
        )
        year.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph()

    columns = _columns(roadmap, report)
    width = len(columns)
    status_labels = {key: str(label) for key, label in STATUS_CHOICES}
    table = document.add_table(rows=1, cols=width)
    table.style = "Table Grid"
    for cell, (_name, label) in zip(table.rows[0].cells, columns, strict=True):
        _set_text(cell, label, bold=True)
    _mark_header_row(table.rows[0])
    task_index = next((i for i, (n, _l) in enumerate(columns) if n == "task"), None)

    for stage in roadmap.stages:
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[width - 1])
        _set_text(merged, stage.title, bold=True)
        if stage.goal:
            goal = (
                stage.goal
                if RE_GOAL.match(stage.goal)
                else f"Задача этапа: {stage.goal}"
            )
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[width - 1])
            _set_text(merged, goal, italic=True)
        task_top, previous_task = None, None
        for activity in stage.activities:
            row = table.add_row()
            cells = row.cells
            for index, (name, _label) in enumerate(columns):
                if name == "task":
                    continue
                if name == "evidence":
                    _set_links(cells[index], activity.evidence)
                    continue
                value = getattr(activity, name)
                if name == "status":
                    value = status_labels.get(value, value)
                _set_text(cells[index], value)
            if task_index is not None:
                if (
                    activity.task
                    and activity.task == previous_task
                    and task_top is not None
                ):
                    task_top = task_top.merge(cells[task_index])
                else:
                    task_top = cells[task_index]
                    _set_text(task_top, activity.task)
                previous_task = activity.task

    available = A4_LONG - MARGINS["left"] - MARGINS["right"] - Mm(2)
    set_column_widths(
        table, fit_widths([COLUMN_WEIGHTS[name] for name, _l in columns], available)
    )
    return document_bytes(
        document, organisation=organisation, title=roadmap.title, landscape=True
    )

"""Read a roadmap from a Word table into ``interchange`` dataclasses.

Layouts met in real roadmaps (../shared/samples, ../shared/seeds): stage rows
merged across the table or with the other cells empty («Этап 1.», «I.»,
«Раздел 2.», or plain words); stage goal rows («Задача этапа – …»); numbered
sub-section rows below a stage («1. Изучение …», kept as the activities'
``task``); a «Задачи» column merged vertically over several activities; a
stage-name column (one stage per row) whose cell may hold a numbered list
(«1) … 2) …»: one activity per item, each with the row's deadline and
responsible); numbers in their own column or at the start of the activity
(«1.1. Обеспечить …»); a column-numbering row («1 2 3 4 5»); header rows
repeated after a page break; several tables with the roadmap not first; and
rows split by a page break, continued in a row without number whose text
starts in lower case. No text of the table is dropped: a column the reader
cannot place goes into the activity's notes, and every guess is listed in
``Roadmap.warnings``.
"""

import re

from django.utils.translation import gettext as _

from ..conf import get_setting
from ..word.safety import DocxRefused, open_docx
from .blocks import STATUS_DONE, STATUS_PLANNED
from .deadlines import RE_MONTH, academic_year_bounds
from .interchange import Activity, Roadmap, Stage
from .lookalike import lookalike_reason
from .word_layout import (
    GRID_MARKS,
    RE_APPROVAL,
    RE_CONSIDERED,
    RE_REPORT,
    W,
    body_blocks,
    front_lines,
    header_of,
    is_column_numbering,
    normal,
    read_front_matter,
    split_numbered_list,
    status_words,
    table_grid,
)
from .word_parts import (
    all_bold as _all_bold,
)
from .word_parts import (
    cell_note_ids,
    is_header_row,
    note_texts,
    word_list_items,
)


class RoadmapImportError(DocxRefused):
    """The Word document was read but holds no roadmap we can import."""


ROMAN = r"(?:[IVXLC]+)"
RE_STAGE_MARK = re.compile(
    rf"^\s*(?:(?:этап|раздел|блок|stage)\s*\d+|{ROMAN}\s*[.)]\s)", re.IGNORECASE
)
RE_ROMAN_STAGE = re.compile(rf"^\s*{ROMAN}\s*[.)]\s")
RE_SUBSECTION = re.compile(r"^\s*\d+\s*[.)]\s+\S")
RE_GOAL = re.compile(r"^\s*(?:задач[аи]|цел[ьи])\b", re.IGNORECASE)
RE_DATE_ONLY = re.compile(r"^\d{1,2}\.\d{1,2}(?:\.\d{2,4})?\s*(?:г\.?)?$")
RE_STAGE_WORD = re.compile(r"\bэтап\b", re.IGNORECASE)
RE_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)+\.?|\d+\.)\s+(?=\S)")


class _TableReader:
    def __init__(self, roadmap, roles, is_report):
        self.roadmap = roadmap
        self.roles = roles
        self.role_columns = {role: col for col, (role, _t) in roles.items() if role}
        self.is_report = is_report
        self.header_rows = [[normal(text) for _r, text in roles.values()]]
        self.notes_by_id = {}
        self.stage = None
        self.task = ""
        self.status_words = status_words()
        self.inferred_done = False

    def warn(self, message):
        self.roadmap.warnings.append(message)

    def _stage(self, title):
        self.stage = Stage(title=title)
        self.task = ""
        self.roadmap.stages.append(self.stage)
        return self.stage

    def read_rows(self, rows, first_row_number):
        for offset, row in enumerate(rows):
            self.read_row(row, first_row_number + offset)

    def read_row(self, row, row_number):
        if is_column_numbering(row):
            return
        texts = [normal(text) for _c, _s, text, _cont, _tc in row]
        if texts in self.header_rows or is_header_row(row):
            return  # a header repeated after a page break
        own = [cell for cell in row if cell[2].strip() and not cell[3]]
        if not own:
            return
        values = {col: text for col, _s, text, _cont, _tc in row}
        if len(own) == 1 and self._heading_row(own[0], row_number):
            return
        if self._numbered_heading(own, row_number):
            return
        self._activity_row(row, values, row_number)

    def _numbered_heading(self, own, row_number):
        """«1. | Организационный этап | | |»: a number and a bold title, every
        other column empty, is a stage heading written in the activity column."""
        if len(own) != 2:
            return False
        by_role = {self.roles.get(cell[0], (None, ""))[0]: cell for cell in own}
        if set(by_role) != {"number", "title"}:
            return False
        number, title = by_role["number"][2].strip(), by_role["title"]
        if not (_all_bold(title[4]) or RE_STAGE_WORD.search(title[2])):
            return False
        self._stage(f"{number} {title[2]}".strip())
        return True

    def _heading_row(self, cell, row_number):
        column, span, text, _continued, _tc = cell
        role = self.roles.get(column, (None, ""))[0]
        merged = span > 1 and span >= len(self.roles) - 1
        in_front = column == min(self.roles) and (
            role in (None, "number", "title", "stage")
            # «Этап 1. …» alone in the first cell, even of a «Задачи» column
            or (role == "task" and RE_STAGE_MARK.match(text))
        )
        if not (merged or in_front):
            return False
        if role == "stage" and not merged:
            return False
        first = text.strip()[:1]
        if RE_GOAL.match(text) and self.stage is not None:
            if self.stage.goal:
                self.stage.goal += "\n" + text
            else:
                self.stage.goal = text
            if self.stage.activities:
                self.warn(
                    _("Row %(row)s: a stage goal after the stage's activities.")
                    % {"row": row_number}
                )
            return True
        if first.islower() and not merged and self._last_activity() is not None:
            return False  # a row split by a page break; joined by _activity_row
        if (
            self.stage is not None
            and RE_SUBSECTION.match(text)
            and RE_ROMAN_STAGE.match(self.stage.title)
        ):
            self.task = text
            return True
        self._stage(text)
        if not merged and not RE_STAGE_MARK.match(text):
            self.warn(
                _("Row %(row)s was read as a stage heading: «%(text)s».")
                % {"row": row_number, "text": text[:80]}
            )
        return True

    def _last_activity(self):
        if self.stage is not None and self.stage.activities:
            return self.stage.activities[-1]
        return None

    def _field(self, role, values):
        column = self.role_columns.get(role)
        return values.get(column, "") if column is not None else ""

    def _is_continuation(self, row, values):
        """A row split from the one above by a page break: no number, and its
        activity text is missing or starts in lower case (a lower-case row
        with a deadline and a responsible or result is an activity of its own)."""
        if self._last_activity() is None:
            return False
        number_col = self.role_columns.get("number")
        if number_col is not None and values.get(number_col, "").strip():
            return False
        stage_col = self.role_columns.get("stage")
        if stage_col is not None and any(
            c[0] == stage_col and not c[3] and c[2] for c in row
        ):
            return False
        title = self._field("title", values).strip()
        if RE_LEADING_NUMBER.match(title):
            return False
        if self._field("deadline", values).strip() and (
            not title
            or self._field("responsible", values).strip()
            or self._field("result", values).strip()
        ):
            return False  # a row of its own: its deadline and who or what
        return not title or title[:1].islower()

    def _join_continuation(self, row, row_number):
        last = self._last_activity()
        for column, _span, text, continued, _tc in row:
            role, header = self.roles.get(column, (None, ""))
            if continued or not text.strip() or role == "stage":
                continue
            if role == "task":
                # The task cell split by the page break: the same task goes on.
                last.task = f"{last.task}\n{text}" if last.task else text
                self.task = last.task
                continue
            self._put(last, role, header, text, append=True)
        self.warn(
            _(
                "Row %(row)s was joined to activity «%(number)s» "
                "(a row split by a page break)."
            )
            % {"row": row_number, "number": last.number or last.title[:40]}
        )

    def _activity_row(self, row, values, row_number):
        if self._is_continuation(row, values):
            self._join_continuation(row, row_number)
            return
        stage_col = self.role_columns.get("stage")
        if stage_col is not None:
            stage_title = values.get(stage_col, "").strip()
            if stage_title and (self.stage is None or self.stage.title != stage_title):
                self._stage(stage_title)
        if self.stage is None:
            self._stage(_("Activities"))
            self.warn(_("The table has activities before any stage heading."))
        activity = Activity(task=self.task)
        periods, list_items = [], None
        for column, _span, text, continued, tc in row:
            role, header = self.roles.get(column, (None, ""))
            if role == "stage" or not text.strip():
                continue
            if continued and role not in ("task", "deadline", "responsible", "result"):
                continue
            if role == "period":
                mark = text.strip().lower()
                periods.append(header if mark in GRID_MARKS else f"{header}: {text}")
                continue
            if role == "title" and tc is not None:
                list_items = word_list_items(tc)
            self._put(activity, role, header, text)
            if role == "task" and not continued:
                self.task = activity.task  # it goes on over the rows below
            if tc is not None and self.notes_by_id:
                for note in cell_note_ids(tc):
                    if note in self.notes_by_id:
                        self._put(activity, "notes", "", self.notes_by_id[note])
        if periods:
            deadline = ", ".join(normal(p) for p in periods)
            activity.deadline = (
                f"{activity.deadline}\n{deadline}" if activity.deadline else deadline
            )
        if not activity.number:
            match = RE_LEADING_NUMBER.match(activity.title)
            if match:
                activity.number = match.group(1)
                activity.title = activity.title[match.end() :]
        if not activity.title:
            self.warn(_("Row %(row)s has no activity title.") % {"row": row_number})
        self.stage.activities.extend(self._list_items(activity, row_number, list_items))

    def _list_items(self, activity, row_number, word_items=None):
        """One activity per item of a numbered list in the activity cell:
        Word's own list (``numPr``) or items numbered in the text «1) … 2) …»."""
        if word_items:
            lead, items = word_items
        else:
            lead, items = split_numbered_list(activity.title)
        if not items:
            return [activity]
        task = "\n".join(part for part in (activity.task, lead) if part)
        split = []
        for index, item in enumerate(items, start=1):
            number = f"{activity.number.rstrip('.')}.{index}" if activity.number else ""
            split.append(
                Activity(
                    **{
                        **activity.__dict__,
                        "number": number or f"{index})",
                        "title": item,
                        "task": task,
                        "evidence": [],
                    }
                )
            )
        self.warn(
            _(
                "Row %(row)s: the numbered list in the cell became %(count)s "
                "activities, each with the row's deadline and responsible."
            )
            % {"row": row_number, "count": len(items)}
        )
        return split

    def _put(self, activity, role, header, text, append=False):
        if role == "status":
            text = self._status(activity, text)
            if not text:
                return
            if RE_DATE_ONLY.match(normal(text)):
                role = "notes"  # the date of the completion mark, with its header
            else:
                role, header = "actual_result", ""
        if role == "actual_result" and not text.strip():
            return
        if role is None or role == "stage":
            text = f"{header.strip()}: {text}" if header.strip() else text
            role = "notes"
        current = getattr(activity, role)
        setattr(
            activity,
            role,
            f"{current}\n{text}"
            if current and (append or role in ("notes", "actual_result"))
            else text,
        )
        if role == "actual_result" and activity.status == STATUS_PLANNED and not append:
            if self.is_report and "status" not in self.role_columns:
                activity.status = STATUS_DONE
                if not self.inferred_done:
                    self.inferred_done = True
                    self.warn(
                        _(
                            "The report has no status column: activities with an "
                            "actual result are marked done, the others planned."
                        )
                    )

    def _status(self, activity, text):
        """Set the status from a «Отметка о выполнении» cell; return the rest of it."""
        lines = text.split("\n")
        word = normal(lines[0]).rstrip(".!")
        if word in self.status_words:
            activity.status = self.status_words[word]
            return "\n".join(lines[1:]).strip()
        if word in GRID_MARKS or RE_DATE_ONLY.match(word):
            # «+», «✓» or the date it was done, in a completion-mark column
            activity.status = STATUS_DONE
            return "" if word in GRID_MARKS else text
        # «выполнено частично», «перенесено на …»: open, the wording kept
        self.warn(
            _(
                "Status «%(text)s» is not a word for done: kept as written, "
                "the activity stays open."
            )
            % {"text": lines[0][:60]}
        )
        return text


def _roadmap_table(blocks):
    """``(position, header index, roles)`` of the first table that is a roadmap."""
    for position, (kind, block) in enumerate(blocks):
        if kind != "tbl":
            continue
        header_index, roles = header_of(table_grid(block, limit=6))
        if roles is not None:
            return position, header_index, roles
    return None


def _grid_width(tbl):
    grid = tbl.find(f"{W}tblGrid")
    return len(grid.findall(f"{W}gridCol")) if grid is not None else None


def _table_parts(blocks, position):
    """The roadmap table and the tables continuing it after a page break:
    Word splits a table in two when nothing but empty paragraphs (or a
    section break) lies between, and the columns stay the same."""
    parts = [blocks[position][1]]
    width = _grid_width(parts[0])
    end = position + 1
    for index in range(position + 1, len(blocks)):
        kind, block = blocks[index]
        if kind == "p":
            if block:
                break
            continue
        if _grid_width(block) != width:
            break
        parts.append(block)
        end = index + 1
    return parts, end


def _attached_tables(roadmap, blocks_after):
    """Tables after the plan (target indicators, participants), each with the
    paragraph above it as its title: kept, never read as activities. A
    table with contacts is left out (personal data) with a warning."""
    title = ""
    for kind, block in blocks_after:
        if kind == "p":
            if block and not (RE_APPROVAL.match(block) or RE_CONSIDERED.match(block)):
                title = block
            continue
        rows = [
            [text for _c, _s, text, continued, _tc in row if not continued]
            for row in table_grid(block)
        ]
        rows = [row for row in rows if any(cell.strip() for cell in row)]
        if not rows or any(
            RE_APPROVAL.match(cell) or RE_CONSIDERED.match(cell)
            for row in rows
            for cell in row
        ):
            continue
        if lookalike_reason([], [rows]):
            roadmap.warnings.append(
                _(
                    "A table after the roadmap holds contacts or a timetable; "
                    "it was not imported."
                )
            )
        else:
            roadmap.attachments.append({"title": title, "rows": rows})
            roadmap.warnings.append(
                _(
                    "A table after the roadmap («%(title)s») was kept as an "
                    "attached table in the introduction, not as activities."
                )
                % {"title": title[:60]}
            )
        title = ""


def _place_headerless_columns(roadmap, roles, is_report):
    """A column without a header in an execution report holds what was done."""
    for column, (role, text) in list(roles.items()):
        if role is None and not text.strip():
            if is_report and "actual_result" not in {r for r, _t in roles.values()}:
                roles[column] = ("actual_result", text)
                roadmap.warnings.append(
                    _("A column without a header was read as the actual result.")
                )
            else:
                roadmap.warnings.append(
                    _("A column without a header was kept in the activities' notes.")
                )
    for role, text in roles.values():
        if role is None and text.strip():
            roadmap.warnings.append(
                _("Column «%(header)s» is not a roadmap column; kept in notes.")
                % {"header": text[:60]}
            )


def read_roadmap(upload):
    """Read a roadmap from an uploaded .docx; raise ``DocxRefused`` if we cannot."""
    document = open_docx(upload)
    blocks = list(body_blocks(document))
    if not any(kind == "tbl" for kind, _b in blocks):
        raise RoadmapImportError(
            _("The document has no table; a roadmap must be a table.")
        )
    chosen = _roadmap_table(blocks)
    # The roadmap's own table, or every table when none reads as a roadmap.
    suspects = (
        [blocks[chosen[0]][1]] if chosen else [b for k, b in blocks if k == "tbl"]
    )
    reason = lookalike_reason(
        [block for kind, block in blocks if kind == "p"],
        [[[c[2] for c in row] for row in table_grid(t, limit=40)] for t in suspects],
    )
    if reason:
        raise RoadmapImportError(reason)
    if chosen is None:
        raise RoadmapImportError(
            _(
                "The table does not look like a roadmap: no columns of activities "
                "with deadlines, responsible people or results were found."
            )
        )
    position, header_index, roles = chosen
    parts, end = _table_parts(blocks, position)
    row_count = sum(len(part.findall(f"{W}tr")) for part in parts)
    max_rows = get_setting("ROADMAP_IMPORT_MAX_ROWS")
    if row_count > max_rows:
        raise RoadmapImportError(
            _("The table has %(count)s rows; at most %(max)s can be imported.")
            % {"count": row_count, "max": max_rows}
        )
    roadmap = Roadmap()
    read_front_matter(roadmap, front_lines(blocks[:position]))
    after = blocks[end:]
    _keep_approval_after_table(roadmap, after)
    _attached_tables(roadmap, after)
    is_report = bool(RE_REPORT.search(roadmap.title))
    _place_headerless_columns(roadmap, roles, is_report)
    reader = _TableReader(roadmap, roles, is_report)
    reader.notes_by_id = note_texts(document)
    row_number = 1
    for index, part in enumerate(parts):
        grid = table_grid(part)
        skip = header_index + 1 if index == 0 else 0
        if index == 0:
            reader.header_rows = [
                [normal(c[2]) for c in row] for row in grid[:skip]
            ] + reader.header_rows
        reader.read_rows(grid[skip:], row_number + skip)
        row_number += len(grid)
    if not roadmap.activity_count:
        raise RoadmapImportError(_("The roadmap table has no activities."))
    _check_numbers(roadmap)
    _check_years(roadmap)
    return roadmap


def _check_years(roadmap):
    """A roadmap over several years («на 2023-2026 гг.»): a deadline naming a
    month without a year is left as text, and said so."""
    years = re.findall(r"(?:19|20)\d\d", roadmap.year)
    if len(years) < 2 or academic_year_bounds(roadmap.year) is not None:
        return
    for stage in roadmap.stages:
        for activity in stage.activities:
            text = activity.deadline
            if RE_MONTH.search(text) and not re.search(r"(?:19|20)\d\d", text):
                roadmap.warnings.append(
                    _(
                        "Deadline «%(deadline)s» of activity «%(activity)s» names "
                        "no year in a roadmap for %(years)s: kept as text."
                    )
                    % {
                        "deadline": text[:60],
                        "activity": (activity.number or activity.title)[:40],
                        "years": roadmap.year,
                    }
                )


def _keep_approval_after_table(roadmap, blocks_after):
    """A «РАССМОТРЕНО»/«УТВЕРЖДЕНО» block printed below the table (some schools
    put it there) is kept too, when none was found above."""
    if roadmap.approval_text and roadmap.considered_text:
        return
    lines = front_lines(blocks_after)
    if any(RE_APPROVAL.match(t) or RE_CONSIDERED.match(t) for t, _x in lines):
        found = Roadmap()
        read_front_matter(found, lines)
        for name in ("approval_text", "considered_text", "order_number", "order_date"):
            if not getattr(roadmap, name):
                setattr(roadmap, name, getattr(found, name))


def _check_numbers(roadmap):
    seen = set()
    for stage in roadmap.stages:
        for activity in stage.activities:
            if activity.number and activity.number in seen:
                roadmap.warnings.append(
                    _("Activity number «%(number)s» appears more than once.")
                    % {"number": activity.number}
                )
            seen.add(activity.number)

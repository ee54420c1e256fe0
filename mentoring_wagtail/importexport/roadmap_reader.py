"""Read a roadmap from a Word table into plain dataclasses.

The reader walks the table's XML itself (``w:tr``/``w:tc`` with ``gridSpan``
and ``vMerge``) rather than python-docx's ``row.cells``, which recomputes the
grid on every call and is ten times slower on a 300-row table (STACK.md).

Layouts met in real roadmaps (../shared/samples, ../shared/seeds): stage rows
merged across the table or with the other cells empty («Этап 1.», «I.»,
«Раздел 2.», or plain words); stage goal rows («Задача этапа – …»); sub-section
rows below a stage («1. Изучение …»); a «Задачи» column merged vertically
over several activities; a stage-name column (one stage per row); numbers in
their own column or at the start of the activity («1.1. Обеспечить …»); a
column-numbering row («1 2 3 4 5»); header rows repeated after a page break;
and rows split by a page break, continued in a row without number or deadline.
No text of the table is dropped: a column the reader cannot place goes into
the activity's notes, and every guess is listed in ``Roadmap.warnings``.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..blocks import STATUS_CHOICES, STATUS_DONE, STATUS_PLANNED
from ..conf import get_setting
from .docx_safety import DocxRefused, open_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class RoadmapImportError(DocxRefused):
    """The Word document was read but holds no roadmap we can import."""


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


@dataclass
class Stage:
    title: str
    goal: str = ""
    activities: list = field(default_factory=list)


@dataclass
class Roadmap:
    title: str = ""
    year: str = ""
    approval_text: str = ""
    order_number: str = ""
    order_date: str = ""
    intro: list = field(default_factory=list)  # paragraphs above the table
    stages: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def activity_count(self):
        return sum(len(stage.activities) for stage in self.stages)


# Column roles, tried in order on the lower-cased header text.
COLUMN_RULES = (
    ("status", ("отметка", "статус", "status", "completion", "выполнено ли")),
    (
        "actual_result",
        (
            "фактическ",
            "actual result",
            "информация о выполнении",
            "о выполнении",
            "об исполнении",
        ),
    ),
    ("notes", ("примечан", "notes", "комментар")),
    (
        "title",
        (
            "мероприят",
            "содержание деятельности",
            "перечень",
            "activity",
            "наименование",
        ),
    ),
    ("task", ("задач", "task")),
    ("number", ("№", "n п/п", "номер", "no.")),
    ("deadline", ("срок", "длительност", "дата", "период", "deadline")),
    ("responsible", ("ответствен", "исполнител", "responsible")),
    ("result", ("результат", "итогов", "документ", "продукт", "result")),
)
# Header text means the title column wins over a stage column when both words
# appear («Этап. Мероприятия этапа»), and over the stage-name column otherwise.
STAGE_NAME_HEADERS = ("наименование этапа", "этап", "этапы", "stage", "раздел")

ROMAN = r"(?:[IVXLC]+)"
RE_STAGE_MARK = re.compile(
    rf"^\s*(?:(?:этап|раздел|блок|stage)\s*\d+|{ROMAN}\s*[.)]\s)", re.IGNORECASE
)
RE_ROMAN_STAGE = re.compile(rf"^\s*{ROMAN}\s*[.)]\s")
RE_SUBSECTION = re.compile(r"^\s*\d+\s*[.)]\s+\S")
RE_GOAL = re.compile(r"^\s*(?:задач[аи]|цел[ьи])\b", re.IGNORECASE)
RE_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)+\.?|\d+\.)\s+(?=\S)")
RE_YEAR = re.compile(r"((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)?\d\d)")
RE_ORDER = re.compile(
    r"приказ\w*\s*(?:от\s*(?P<date1>\d{1,2}\.\d{1,2}\.\d{2,4})\s*(?:г\.?)?\s*)?"
    r"№\s*(?P<number>[\w\-/]+)(?:\s*от\s*(?P<date2>\d{1,2}\.\d{1,2}\.\d{2,4}))?",
    re.IGNORECASE,
)
RE_TITLE_WORDS = re.compile(
    r"дорожн\w* карт|план\w* мероприят|отч[её]т об исполнении|информация о реализации",
    re.IGNORECASE,
)
# The line our writer puts under a title that does not name the year.
RE_YEAR_LINE = re.compile(
    r"^\s*(?:на\s+)?((?:19|20)\d\d)\s*[/–-]\s*((?:19|20)\d\d)"
    r"\s+(?:учебный год|academic year)\.?\s*$",
    re.IGNORECASE,
)
RE_APPROVAL = re.compile(r"^\s*УТВЕРЖД", re.IGNORECASE)
RE_REPORT = re.compile(r"отч[её]т|информация о реализации|исполнени", re.IGNORECASE)


def _status_words():
    words = {}
    for key, label in STATUS_CHOICES:
        words[str(label).lower()] = key
        words[key.replace("_", " ")] = key
    words.update(
        {
            "запланировано": "planned",
            "планируется": "planned",
            "в процессе": "in_progress",
            "выполняется": "in_progress",
            "в работе": "in_progress",
            "выполнено": "done",
            "выполнен": "done",
            "исполнено": "done",
            "не выполнено": "not_done",
            "не выполнен": "not_done",
            "отменено": "cancelled",
            "отменён": "cancelled",
            "отменен": "cancelled",
        }
    )
    return words


def paragraph_text(p):
    parts = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def cell_text(tc):
    lines = (" ".join(paragraph_text(p).split()) for p in tc.iter(f"{W}p"))
    return "\n".join(line for line in lines if line)


def _normal(text):
    return " ".join(text.lower().replace("ё", "е").split())


def table_grid(tbl, limit=None):
    """Rows of a table as lists of ``(column, span, text, continued, tc)``.

    A vertically merged continuation cell carries the text of the cell it
    continues, with ``continued=True``.
    """
    rows, above = [], {}
    for tr in tbl.iterchildren(f"{W}tr"):
        if limit is not None and len(rows) >= limit:
            break
        row, column = [], 0
        tr_pr = tr.find(f"{W}trPr")
        if tr_pr is not None:
            before = tr_pr.find(f"{W}gridBefore")
            if before is not None:
                column = int(before.get(f"{W}val", 0))
        for tc in tr.iterchildren(f"{W}tc"):
            span, vmerge = 1, None
            tc_pr = tc.find(f"{W}tcPr")
            if tc_pr is not None:
                grid_span = tc_pr.find(f"{W}gridSpan")
                if grid_span is not None:
                    span = int(grid_span.get(f"{W}val", 1))
                merge = tc_pr.find(f"{W}vMerge")
                if merge is not None:
                    vmerge = merge.get(f"{W}val") or "continue"
            if vmerge == "continue" and column in above:
                text, continued = above[column], True
            else:
                text, continued = cell_text(tc), False
                above[column] = text
            row.append((column, span, text, continued, tc))
            column += span
        rows.append(row)
    return rows


def map_columns(header_row):
    """Role of each column of the header row: ``{column: role}``."""
    roles, used = {}, set()
    for column, _span, text, _continued, _tc in header_row:
        lowered = _normal(text)
        role = None
        if lowered in STAGE_NAME_HEADERS or lowered.startswith("наименование этапа"):
            role = "stage"
        else:
            for candidate, keywords in COLUMN_RULES:
                if any(keyword in lowered for keyword in keywords):
                    role = candidate
                    break
        if role in used:
            role = None
        if role:
            used.add(role)
        roles[column] = (role, text)
    return roles


def _is_roadmap_header(roles):
    found = {role for role, _text in roles.values()}
    return "title" in found and bool(found & {"deadline", "responsible", "result"})


def _is_column_numbering(row):
    texts = [
        text.strip().rstrip(".") for _c, _s, text, _cont, _tc in row if text.strip()
    ]
    return (
        len(texts) >= 2
        and all(t.isdigit() for t in texts)
        and [int(t) for t in texts]
        == list(range(int(texts[0]), int(texts[0]) + len(texts)))
    )


class _TableReader:
    def __init__(self, roadmap, roles, is_report):
        self.roadmap = roadmap
        self.roles = roles
        self.role_columns = {role: col for col, (role, _t) in roles.items() if role}
        self.is_report = is_report
        self.header_texts = [_normal(text) for _r, text in roles.values()]
        self.stage = None
        self.task = ""
        self.status_words = _status_words()
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
        if _is_column_numbering(row):
            return
        if [_normal(text) for _c, _s, text, _cont, _tc in row] == self.header_texts:
            return  # a header repeated after a page break
        own = [cell for cell in row if cell[2].strip() and not cell[3]]
        if not own:
            return
        values = {col: text for col, _s, text, _cont, _tc in row}
        if len(own) == 1 and self._heading_row(own[0], row, values, row_number):
            return
        self._activity_row(row, values, row_number)

    def _heading_row(self, cell, row, values, row_number):
        column, span, text, _continued, _tc = cell
        role = self.roles.get(column, (None, ""))[0]
        merged = span > 1 and span >= len(self.roles) - 1
        in_front = role in (None, "number", "title", "stage") and column == min(
            self.roles
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
        last = self._last_activity()
        if last is None:
            return False
        number_col = self.role_columns.get("number")
        if number_col is not None and values.get(number_col, "").strip():
            return False
        if self._field("deadline", values).strip() and "deadline" in self.role_columns:
            return False
        stage_col = self.role_columns.get("stage")
        if stage_col is not None and any(
            c[0] == stage_col and not c[3] and c[2] for c in row
        ):
            return False
        title = self._field("title", values).strip()
        return not title or title[:1].islower()

    def _activity_row(self, row, values, row_number):
        if self._is_continuation(row, values):
            last = self._last_activity()
            for column, _span, text, continued, _tc in row:
                role, header = self.roles.get(column, (None, ""))
                if continued or not text.strip() or role in ("task", "stage"):
                    continue
                self._put(last, role, header, text, append=True)
            self.warn(
                _(
                    "Row %(row)s was joined to activity «%(number)s» "
                    "(a row split by a page break)."
                )
                % {"row": row_number, "number": last.number or last.title[:40]}
            )
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
        for column, _span, text, continued, _tc in row:
            role, header = self.roles.get(column, (None, ""))
            if role == "stage" or not text.strip():
                continue
            if continued and role not in ("task", "deadline", "responsible", "result"):
                continue
            self._put(activity, role, header, text)
        if not activity.number:
            match = RE_LEADING_NUMBER.match(activity.title)
            if match:
                activity.number = match.group(1)
                activity.title = activity.title[match.end() :]
        if not activity.title:
            self.warn(_("Row %(row)s has no activity title.") % {"row": row_number})
        self.stage.activities.append(activity)

    def _put(self, activity, role, header, text, append=False):
        if role == "status":
            text = self._status(activity, text)
            if not text:
                return
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
            f"{current}\n{text}" if current and (append or role == "notes") else text,
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
        word = _normal(lines[0]).rstrip(".!")
        if word in self.status_words:
            activity.status = self.status_words[word]
            return "\n".join(lines[1:]).strip()
        activity.status = STATUS_DONE
        self.warn(
            _("Status «%(text)s» not recognised; the activity is marked done.")
            % {"text": lines[0][:60]}
        )
        return text


def _title_block(roadmap, blocks_before):
    """Title, year, approval and intro from the paragraphs above the table."""
    lines = list(blocks_before)
    approval_at = next((i for i, t in enumerate(lines) if RE_APPROVAL.match(t)), None)
    approval = set()
    if approval_at is not None:
        block = []
        for i in range(approval_at, min(len(lines), approval_at + 8)):
            if not lines[i].strip():
                break
            if i > approval_at and RE_TITLE_WORDS.search(lines[i]):
                break
            block.append(lines[i])
            approval.add(i)
            if RE_ORDER.search(lines[i]):
                break
        roadmap.approval_text = "\n".join(block)
        order = RE_ORDER.search(roadmap.approval_text)
        if order:
            roadmap.order_number = order["number"]
            roadmap.order_date = order["date1"] or order["date2"] or ""
    title_at = None
    for i in range(len(lines) - 1, -1, -1):
        if i not in approval and RE_TITLE_WORDS.search(lines[i]):
            title_at = i
            while (
                title_at > 0
                and lines[title_at - 1].strip()
                and title_at - 1 not in approval
            ):
                if (
                    RE_TITLE_WORDS.search(lines[title_at - 1]) is None
                    and len(lines[title_at - 1]) > 200
                ):
                    break
                title_at -= 1
            break
    if title_at is not None:
        title_lines = [t for t in lines[title_at:] if t.strip()]
        while len(title_lines) > 1 and RE_YEAR_LINE.match(title_lines[-1]):
            year = RE_YEAR.search(title_lines.pop())
            roadmap.year = f"{year[1]}/{year[2]}"
        roadmap.title = " ".join(" ".join(title_lines).split())
    else:
        roadmap.warnings.append(_("No title found above the table."))
    end = title_at if title_at is not None else len(lines)
    roadmap.intro = [
        t for i, t in enumerate(lines[:end]) if t.strip() and i not in approval
    ]
    year = None if roadmap.year else RE_YEAR.search(roadmap.title)
    if roadmap.year:
        pass
    elif year:
        second = year[2] if len(year[2]) == 4 else year[1][:2] + year[2]
        roadmap.year = f"{year[1]}/{second}"
    else:
        roadmap.warnings.append(_("The academic year was not found in the title."))


def _body_blocks(document):
    """Top-level paragraphs (as text) and tables, in document order."""
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            yield "p", paragraph_text(child).strip()
        elif child.tag == f"{W}tbl":
            yield "tbl", child


def _header_of(grid):
    for index, row in enumerate(grid[:6]):
        roles = map_columns(row)
        if _is_roadmap_header(roles):
            return index, roles
    return None, None


def read_roadmap(upload):
    """Read a roadmap from an uploaded .docx; raise ``DocxRefused`` if we cannot."""
    document = open_docx(upload)
    blocks = list(_body_blocks(document))
    tables = [i for i, (kind, _b) in enumerate(blocks) if kind == "tbl"]
    if not tables:
        raise RoadmapImportError(
            _("The document has no table; a roadmap must be a table.")
        )
    max_rows = get_setting("ROADMAP_IMPORT_MAX_ROWS")
    chosen = None
    for position in tables:
        tbl = blocks[position][1]
        header_index, roles = _header_of(table_grid(tbl, limit=6))
        if roles is not None:
            chosen = (position, header_index, roles)
            break
    if chosen is None:
        raise RoadmapImportError(
            _(
                "The table does not look like a roadmap: no columns of activities "
                "with deadlines, responsible people or results were found."
            )
        )
    position, header_index, roles = chosen
    # A table Word broke in two at a page break continues in the next table
    # when nothing but empty paragraphs lies between them.
    parts = [blocks[position][1]]
    for kind, block in blocks[position + 1 :]:
        if kind == "p":
            if block:
                break
            continue
        parts.append(block)
    row_count = sum(len(part.findall(f"{W}tr")) for part in parts)
    if row_count > max_rows:
        raise RoadmapImportError(
            _("The table has %(count)s rows; at most %(max)s can be imported.")
            % {"count": row_count, "max": max_rows}
        )
    roadmap = Roadmap()
    before = [block for kind, block in blocks[:position] if kind == "p"]
    for kind, block in blocks[:position]:
        if kind == "tbl" and block.find(f".//{W}t") is not None:
            text = "\n".join(cell_text(tc) for tc in block.iter(f"{W}tc"))
            if RE_APPROVAL.search(text) or "УТВЕРЖД" in text.upper():
                before.extend(text.split("\n"))
    _title_block(roadmap, before)
    is_report = bool(RE_REPORT.search(roadmap.title))
    # A column without a header in an execution report holds what was done.
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
    unknown = [text for role, text in roles.values() if role is None and text.strip()]
    for text in unknown:
        roadmap.warnings.append(
            _("Column «%(header)s» is not a roadmap column; kept in notes.")
            % {"header": text[:60]}
        )
    reader = _TableReader(roadmap, roles, is_report)
    row_number = 1
    for index, part in enumerate(parts):
        grid = table_grid(part)
        skip = header_index + 1 if index == 0 else 0
        reader.read_rows(grid[skip:], row_number + skip)
        row_number += len(grid)
    if not roadmap.activity_count:
        raise RoadmapImportError(_("The roadmap table has no activities."))
    _check_numbers(roadmap)
    return roadmap


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

"""Where things are in a Word roadmap: the table's grid and columns, and the
front matter above it (title, academic year, «УТВЕРЖДАЮ» and «РАССМОТРЕНО»).

The grid is read from the table's XML (``w:tr``/``w:tc`` with ``gridSpan`` and
``vMerge``) rather than python-docx's ``row.cells``, which recomputes the grid
on every call and is ten times slower on a 300-row table (STACK.md).
``word_reader`` walks the cells this module has placed; the small readers of
a cell's wording it needs (status words, numbered lists) are here too.
"""

import re

from django.utils.translation import gettext as _

from .blocks import STATUS_CHOICES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TITLE_MAX = 255

# Column roles, tried in order on the lower-cased header text.
COLUMN_RULES = (
    ("status", ("отметка", "статус", "status", "completion", "выполнено ли")),
    (
        "actual_result",
        (
            "фактическ",
            "(факт)",
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
            "содержание",
            "перечень",
            "activity",
            "наименование",
            "формы работы",
            "форма работы",
            "формы и методы",
            "вид деятельности",
            "виды деятельности",
            "виды работ",
            "тема",
        ),
    ),
    ("task", ("задач", "task")),
    ("number", ("№", "n п/п", "номер", "no.")),
    ("deadline", ("срок", "длительност", "дата", "период", "deadline")),
    ("responsible", ("ответствен", "исполнител", "responsible")),
    ("result", ("результат", "итогов", "документ", "продукт", "отчетн", "result")),
)
# A month grid: one column a month (or a quarter) marked «+», «х», «✓».
MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
RE_PERIOD_HEADER = re.compile(
    r"^(?:" + "|".join(MONTHS) + r")(?:\s+(?:19|20)\d\d)?\s*(?:г\.?)?$"
    r"|^(?:[ivx]+|\d)\s*(?:четверть|квартал|полугодие)(?:\s+(?:19|20)\d\d)?$"
)
GRID_MARKS = {"+", "х", "x", "✓", "✔", "v", "*", "•", "●", "да", "√"}
# Header text means the title column wins over a stage column when both words
# appear («Этап. Мероприятия этапа»), and over the stage-name column otherwise.
STAGE_NAME_HEADERS = ("наименование этапа", "этап", "этапы", "stage", "раздел")

RE_YEAR = re.compile(r"((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)?\d\d)")
RE_ORDER = re.compile(
    r"приказ\w*\s*(?:от\s*(?P<date1>\d{1,2}\.\d{1,2}\.\d{2,4})\s*(?:г\.?)?\s*)?"
    r"№\s*(?P<number>[\w\-/]+)(?:\s*от\s*(?P<date2>\d{1,2}\.\d{1,2}\.\d{2,4}))?",
    re.IGNORECASE,
)
RE_TITLE_WORDS = re.compile(
    r"дорожн\w* карт|план\w* мероприят|отч[её]т об исполнении|информация о реализации"
    r"|план\w* работы|индивидуальн\w* (?:образовательн\w* )?план|\bИПР\b"
    r"|план\w* развития|программ\w* наставничества",
    re.IGNORECASE,
)
# The details of a mentoring pair above a mentor's plan or an ИПР: they end an
# approval block and stay in the introduction.
RE_PAIR_LINE = re.compile(
    r"^\W*(?:наставник|наставляем|молод\w+ (?:специалист|педагог)|ф\.?\s?и\.?\s?о"
    r"|стаж|должность|образование|предмет|квалификац|период|срок реализации)",
    re.IGNORECASE,
)
# The line our writer puts under a title that does not name the year.
RE_YEAR_LINE = re.compile(
    r"^\s*(?:на\s+)?((?:19|20)\d\d)\s*[/–-]\s*((?:19|20)\d\d)"
    r"\s+(?:учебный год|academic year)\.?\s*$",
    re.IGNORECASE,
)
# A title line may end with a period after the year («на 2024-2025 уч. год.»).
RE_YEAR_END = re.compile(r"(?:19|20)\d\d.*(?:год|гг?)\.$", re.IGNORECASE)
RE_APPROVAL = re.compile(r"^\W*УТВЕРЖД", re.IGNORECASE)
RE_CONSIDERED = re.compile(
    r"^\W*(?:РАССМОТРЕН|СОГЛАСОВАН|ПРИНЯТ[ОА]?\b)", re.IGNORECASE
)
RE_PROTOCOL = re.compile(r"протокол\w*\s*№", re.IGNORECASE)
RE_REPORT = re.compile(r"отч[её]т|информация о реализации|исполнени", re.IGNORECASE)


RE_LIST_ITEM = re.compile(r"(?:^|(?<=\s))(\d{1,2})\)\s+")


def status_words():
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


def split_numbered_list(text):
    """``(lead, [items])`` of a cell holding «1) … 2) …»; ``items`` is empty
    unless the cell numbers at least two items 1, 2, … in order."""
    starts, expected = [], 1
    for match in RE_LIST_ITEM.finditer(text):
        if int(match[1]) == expected:
            starts.append(match)
            expected += 1
    if len(starts) < 2:
        return text, []
    items = []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        items.append(text[match.end() : end].strip())
    return text[: starts[0].start()].strip(), items


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


def normal(text):
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
        for tc in _row_cells(tr):
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


def _row_cells(parent):
    """The row's cells, also those Word wraps in a content control
    (``w:sdt``/``w:sdtContent``) or in custom XML."""
    for child in parent.iterchildren(f"{W}tc", f"{W}sdt", f"{W}customXml"):
        if child.tag == f"{W}tc":
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _row_cells(content)
        else:
            yield from _row_cells(child)


def map_columns(header_row):
    """Role of each column of the header row: ``{column: (role, header text)}``."""
    roles, used = {}, set()
    for column, _span, text, _continued, _tc in header_row:
        lowered = normal(text)
        role = None
        if RE_PERIOD_HEADER.match(lowered):
            roles[column] = ("period", text)
            continue
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


def is_roadmap_header(roles):
    found = {role for role, _text in roles.values()}
    return "title" in found and bool(
        found & {"deadline", "responsible", "result", "period"}
    )


def is_column_numbering(row):
    texts = [
        text.strip().rstrip(".") for _c, _s, text, _cont, _tc in row if text.strip()
    ]
    return (
        len(texts) >= 2
        and all(t.isdigit() for t in texts)
        and [int(t) for t in texts]
        == list(range(int(texts[0]), int(texts[0]) + len(texts)))
    )


def header_of(grid):
    """``(index of the last header row, roles)`` of the roadmap header among a
    table's first rows; a header over two rows («Сроки» over «план | факт»)
    gives each lower cell the upper one's wording: «Сроки (план)»."""
    for index, row in enumerate(grid[:6]):
        below = grid[index + 1] if index + 1 < len(grid) else None
        combined = _two_row_header(row, below) if below else None
        if combined is not None:
            roles = map_columns(combined)
            if is_roadmap_header(roles):
                return index + 1, roles
        roles = map_columns(row)
        if is_roadmap_header(roles):
            return index, roles
    return None, None


def _two_row_header(top, below):
    """The header row made of ``top`` and the sub-header ``below``, or ``None``
    when ``below`` is not a sub-header (no cell of ``top`` spans columns, or
    ``below`` holds data: numbers, long text)."""
    if not any(span > 1 for _c, span, _t, _x, _tc in top):
        return None
    own = [(c, text) for c, _s, text, cont, _tc in below if not cont and text.strip()]
    if not own or any(
        len(text) > 40 or text.strip().rstrip(".").isdigit() for _c, text in own
    ):
        return None
    cells = []
    for column, _span, text, continued, _tc in below:
        parent = next(
            ((c, s, t) for c, s, t, _x, _y in top if c <= column < c + s), None
        )
        if continued or not text.strip():
            if parent is None or parent[0] != column:
                return None
            cells.append((column, 1, parent[2], False, None))
        elif parent is not None and parent[1] > 1:
            cells.append((column, 1, f"{parent[2]} ({text})", False, None))
        else:
            return None  # a lower cell under a single upper one: data, not header
    return cells


def body_blocks(document):
    """Top-level paragraphs (as text) and tables, in document order."""
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            yield "p", paragraph_text(child).strip()
        elif child.tag == f"{W}tbl":
            yield "tbl", child


def front_lines(blocks):
    """Lines above the roadmap table: ``(text, from_table)`` in document order.

    A table above the roadmap holding «УТВЕРЖДАЮ» or «РАССМОТРЕНО» (often set
    side by side in a two-column table) contributes its lines; other tables
    above it (targets, indicators) are kept as introduction lines.
    """
    lines = []
    for kind, block in blocks:
        if kind == "p":
            lines.append((block, False))
        elif block.find(f".//{W}t") is not None:
            for tc in block.iter(f"{W}tc"):
                for line in cell_text(tc).split("\n"):
                    lines.append((line, True))
    return lines


def _block_at(texts, start, taken, stop_after):
    """Indexes of a block starting at ``start``: up to 8 non-empty lines,
    ending before a title or another block, or at a line ``stop_after`` matches."""
    block = []
    for i in range(start, min(len(texts), start + 12)):
        text = texts[i].strip()
        if not text:
            continue
        if i > start and (
            RE_TITLE_WORDS.search(text)
            or RE_PAIR_LINE.match(text)
            or RE_APPROVAL.match(text)
            or RE_CONSIDERED.match(text)
            or i in taken
        ):
            break
        block.append(i)
        if (i > start and stop_after.search(text)) or len(block) >= 8:
            break
    return block


def read_front_matter(roadmap, lines):
    """Title, year, approval, consideration and intro from ``front_lines``."""
    texts = [text for text, _table in lines]
    taken = set()
    for pattern, stop_after, name in (
        (RE_APPROVAL, RE_ORDER, "approval_text"),
        (RE_CONSIDERED, RE_PROTOCOL, "considered_text"),
    ):
        start = next((i for i, t in enumerate(texts) if pattern.match(t)), None)
        if start is None:
            continue
        block = _block_at(texts, start, taken, stop_after)
        taken.update(block)
        setattr(roadmap, name, "\n".join(texts[i].strip() for i in block))
    order = RE_ORDER.search(roadmap.approval_text)
    if order:
        roadmap.order_number = order["number"]
        roadmap.order_date = order["date1"] or order["date2"] or ""

    def title_line(i):
        text = texts[i].strip()
        return text and i not in taken and not lines[i][1] and len(text) <= TITLE_MAX

    # The title is the last short paragraph naming a roadmap above the table,
    # with the short lines around it; a long paragraph is never a title.
    title_at = next(
        (
            i
            for i in range(len(texts) - 1, -1, -1)
            if title_line(i) and RE_TITLE_WORDS.search(texts[i])
        ),
        None,
    )
    title_indexes = []
    if title_at is not None:
        first = title_at
        while first > 0 and title_line(first - 1) and title_at - first < 2:
            if RE_TITLE_WORDS.search(texts[first - 1]) is None:
                break
            first -= 1
        length = 0
        for i in range(first, len(texts)):
            text = texts[i].strip()
            if not text or i in taken:
                continue
            if i > title_at and (
                lines[i][1]
                or len(title_indexes) >= 4
                or RE_PAIR_LINE.match(text)
                or (text.endswith(".") and not RE_YEAR_END.search(text))
            ):
                break  # a table's line, the pair's details, or a sentence
            if not title_line(i) or length + len(text) > TITLE_MAX:
                break
            title_indexes.append(i)
            length += len(text) + 1
        title_lines = [texts[i].strip() for i in title_indexes]
        while len(title_lines) > 1 and RE_YEAR_LINE.match(title_lines[-1]):
            year = RE_YEAR.search(title_lines.pop())
            roadmap.year = f"{year[1]}/{year[2]}"
            title_indexes.pop()
        roadmap.title = " ".join(" ".join(title_lines).split())
    else:
        roadmap.warnings.append(_("No title found above the table."))
    in_title = set(title_indexes)
    roadmap.intro = [
        t.strip()
        for i, t in enumerate(texts)
        if t.strip() and i not in taken and i not in in_title
    ]
    if not roadmap.year:
        year = RE_YEAR.search(roadmap.title) or next(
            (RE_YEAR.search(t) for t in roadmap.intro if RE_YEAR.search(t)), None
        )
        if year:
            second = year[2] if len(year[2]) == 4 else year[1][:2] + year[2]
            roadmap.year = f"{year[1]}/{second}"
        else:
            roadmap.warnings.append(_("The academic year was not found in the title."))

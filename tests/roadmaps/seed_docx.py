"""Word files built from the text of the five seeds (../shared/seeds), the way
the shared samples were built: the seed's table lines (cells separated by
tabs, HTML inside a cell) become a Word table, the lines around it paragraphs.

Each seed can be laid out several ways: ``plain``; ``numbered`` (a row «1 2 3
4 5» under the header); ``repeated_header`` (the header repeated every eight
rows, as Word does on every page); ``several_tables`` (a «РАССМОТРЕНО |
УТВЕРЖДАЮ» table and a table of contacts first, another table after).
"""

import html
import io
import re
from dataclasses import dataclass, field

import docx

from tests.shared_samples import SAMPLES_DIR

SEEDS_DIR = SAMPLES_DIR.parent / "seeds"
LAYOUTS = ("plain", "numbered", "repeated_header", "several_tables")
RE_BLOCK_TAG = re.compile(r"</?(?:p|ul|ol|li|br)\b[^>]*>", re.IGNORECASE)
RE_TAG = re.compile(r"<[^>]+>")
RE_RULE = re.compile(r"^[\s|:-]*-{2,}[\s|:-]*$")  # «----|--|---» left by conversion


def cell_lines(text):
    """A seed cell's text as the paragraphs of a Word cell."""
    text = RE_BLOCK_TAG.sub("\n", text)
    text = html.unescape(RE_TAG.sub("", text))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def plain_line(text):
    return " ".join(html.unescape(RE_TAG.sub("", text)).replace("**", "").split())


@dataclass
class SeedTable:
    before: list = field(default_factory=list)  # paragraphs and other tables
    header: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # lists of cells, or a str: merged
    after: list = field(default_factory=list)


def read_seed(name, first_line, last_line):
    """The seed's roadmap table: lines ``first_line``–``last_line`` (1-based,
    hand-checked per seed); tab-separated lines outside it are other tables."""
    lines = (SEEDS_DIR / name).read_text(encoding="utf-8").split("\n")
    seed = SeedTable()

    def outside(part, target):
        table = None
        for line in part:
            if "\t" in line and not RE_RULE.match(line):
                if table is None:
                    table = []
                    target.append(table)
                table.append([" ".join(cell_lines(c)) for c in line.split("\t")])
            elif line.strip() and not RE_RULE.match(line):
                table = None
                target.append(plain_line(line))

    outside(lines[: first_line - 1], seed.before)
    body = lines[first_line - 1 : last_line]
    seed.header = [plain_line(c) for c in body[0].split("\t")]
    width = len(seed.header)
    for line in body[1:]:
        if not line.strip() or RE_RULE.match(line):
            continue
        if "\t" not in line:
            seed.rows.append(plain_line(line))
            continue
        cells = line.split("\t")[:width]
        seed.rows.append(cells + [""] * (width - len(cells)))
    outside(lines[last_line:], seed.after)
    return seed


def _fill(cell, text):
    lines = cell_lines(text)
    if not lines:
        return
    cell.paragraphs[0].add_run(lines[0])
    for line in lines[1:]:
        cell.add_paragraph(line)


def _table(document, rows):
    width = max(len(row) for row in rows)
    table = document.add_table(rows=0, cols=width)
    for texts in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, texts, strict=False):
            cell.text = text
    return table


def _add(document, items):
    for item in items:
        if isinstance(item, list):
            _table(document, item)
        else:
            document.add_paragraph(item)


def build(seed, layout="plain"):
    document = docx.Document()
    if layout == "several_tables":
        _table(
            document,
            [
                ["Контакты", "Телефон"],
                ["Куратор наставничества", "8 (800) 000-00-00"],
            ],
        )
        document.add_paragraph("")
    _add(document, seed.before)
    width = len(seed.header)
    table = document.add_table(rows=1, cols=width)
    for cell, text in zip(table.rows[0].cells, seed.header, strict=True):
        cell.text = text
    if layout == "numbered":
        for index, cell in enumerate(table.add_row().cells, start=1):
            cell.text = str(index)
    for count, row in enumerate(seed.rows):
        if layout == "repeated_header" and count and count % 8 == 0:
            for cell, text in zip(table.add_row().cells, seed.header, strict=True):
                cell.text = text
        cells = table.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            merged.paragraphs[0].add_run(row)
            continue
        for cell, text in zip(cells, row, strict=True):
            _fill(cell, text)
    _add(document, seed.after)
    if layout == "several_tables":
        document.add_paragraph("Лист ознакомления")
        _table(document, [["ФИО", "Подпись", "Дата"], ["", "", ""]])
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def table_words(seed):
    """Every word of the roadmap table's body, as the reader must keep it."""
    words = []
    for row in seed.rows:
        for text in [row] if isinstance(row, str) else row:
            words += re.findall(r"\w+", " ".join(cell_lines(text)).lower())
    return words

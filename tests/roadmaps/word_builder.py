"""A Word builder for roadmap layouts, from Word's own structures.

Cells are written as WordprocessingML (``w:gridSpan``, ``w:vMerge``,
``w:tblHeader``, ``w:numPr`` list paragraphs resolved by the numbering part,
``w:footnoteReference`` into a real footnotes part, section breaks), the way
Word and LibreOffice write them, not through python-docx's ``merge()``.
Each layout in ``tests/roadmaps/word_layouts.py`` is built with it and states
the stages and activities a curator would expect.
"""

import io
from dataclasses import dataclass, field

import docx
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass
class Cell:
    text: str = ""
    span: int = 1
    vmerge: str | None = None  # "restart" or "continue"
    bold: bool = False
    items: list = field(default_factory=list)  # a Word list (numPr) after text
    bullets: bool = False
    footnote: str = ""
    endnote: str = ""


def C(text="", **kwargs):  # noqa: N802 - reads like a cell in a row literal
    return Cell(text, **kwargs)


def _run(text, bold=False):
    run = OxmlElement("w:r")
    if bold:
        properties = OxmlElement("w:rPr")
        properties.append(OxmlElement("w:b"))
        run.append(properties)
    node = OxmlElement("w:t")
    node.text = text
    node.set(qn("xml:space"), "preserve")
    run.append(node)
    return run


def _paragraph(text, bold=False, num_id=None, split_runs=False):
    p = OxmlElement("w:p")
    if num_id is not None:
        p_pr = OxmlElement("w:pPr")
        num_pr = OxmlElement("w:numPr")
        level = OxmlElement("w:ilvl")
        level.set(qn("w:val"), "0")
        number = OxmlElement("w:numId")
        number.set(qn("w:val"), str(num_id))
        num_pr.extend([level, number])
        p_pr.append(num_pr)
        p.append(p_pr)
    if split_runs and len(text) > 6:
        # Word splits runs at revision marks, inside words, with proofing marks.
        third = len(text) // 3
        p.append(_run(text[:third], bold))
        p.append(OxmlElement("w:proofErr"))
        bookmark = OxmlElement("w:bookmarkStart")
        bookmark.set(qn("w:id"), "0")
        bookmark.set(qn("w:name"), "_GoBack")
        p.append(bookmark)
        p.append(_run(text[third : 2 * third], bold))
        p.append(_run(text[2 * third :], bold))
    elif text:
        p.append(_run(text, bold))
    return p


class WordBuilder:
    def __init__(self, saved_by="builder"):
        """``saved_by="word"`` splits runs with proofing and bookmark marks;
        ``"libreoffice"`` writes ``w:vMerge w:val="continue"`` explicitly."""
        self.document = docx.Document()
        self.body = self.document.element.body
        self.saved_by = saved_by
        self.footnotes, self.endnotes = [], []

    def para(self, text="", bold=False):
        self.body.insert(len(self.body) - 1, _paragraph(text, bold))
        return self

    def landscape_break(self):
        """A section break (the next section in landscape) inside the body."""
        p = OxmlElement("w:p")
        p_pr = OxmlElement("w:pPr")
        sect = OxmlElement("w:sectPr")
        size = OxmlElement("w:pgSz")
        size.set(qn("w:w"), "11906")
        size.set(qn("w:h"), "16838")
        sect.append(size)
        p_pr.append(sect)
        p.append(p_pr)
        self.body.insert(len(self.body) - 1, p)
        final = self.body.find(qn("w:sectPr"))
        size = final.find(qn("w:pgSz"))
        size.set(qn("w:w"), "16838")
        size.set(qn("w:h"), "11906")
        size.set(qn("w:orient"), "landscape")
        return self

    def table(self, rows, header_rows=1, columns=None):
        """A table; ``rows`` are lists of ``Cell`` or text."""
        rows = [[c if isinstance(c, Cell) else Cell(c) for c in row] for row in rows]
        width = columns or max(sum(c.span for c in row) for row in rows)
        tbl = OxmlElement("w:tbl")
        tbl_pr = OxmlElement("w:tblPr")
        style = OxmlElement("w:tblStyle")
        style.set(qn("w:val"), "TableGrid")
        tbl_pr.append(style)
        tbl.append(tbl_pr)
        grid = OxmlElement("w:tblGrid")
        for _ in range(width):
            col = OxmlElement("w:gridCol")
            col.set(qn("w:w"), str(14000 // width))
            grid.append(col)
        tbl.append(grid)
        for index, row in enumerate(rows):
            tr = OxmlElement("w:tr")
            if index < header_rows:
                tr_pr = OxmlElement("w:trPr")
                tr_pr.append(OxmlElement("w:tblHeader"))
                tr.append(tr_pr)
            for cell in row:
                tc = self._tc(cell)
                if self.saved_by == "word" and index >= header_rows and cell.text:
                    # a cell inside a content control, as Word's forms write it
                    sdt = OxmlElement("w:sdt")
                    content = OxmlElement("w:sdtContent")
                    content.append(tc)
                    sdt.extend([OxmlElement("w:sdtPr"), content])
                    tc = sdt
                tr.append(tc)
            tbl.append(tr)
        self.body.insert(len(self.body) - 1, tbl)
        return self

    def _tc(self, cell):
        tc = OxmlElement("w:tc")
        tc_pr = OxmlElement("w:tcPr")
        if cell.span > 1:
            span = OxmlElement("w:gridSpan")
            span.set(qn("w:val"), str(cell.span))
            tc_pr.append(span)
        if cell.vmerge:
            merge = OxmlElement("w:vMerge")
            if cell.vmerge == "restart" or self.saved_by == "libreoffice":
                merge.set(qn("w:val"), cell.vmerge)
            tc_pr.append(merge)
        tc.append(tc_pr)
        paragraphs = []
        if cell.vmerge != "continue":
            for line in cell.text.split("\n") if cell.text else []:
                paragraphs.append(
                    _paragraph(line, cell.bold, split_runs=self.saved_by == "word")
                )
            for item in cell.items:
                paragraphs.append(_paragraph(item, num_id=1 if cell.bullets else 5))
        if not paragraphs:
            paragraphs.append(_paragraph(""))
        for kind, text in (("footnote", cell.footnote), ("endnote", cell.endnote)):
            if text:
                paragraphs[-1].append(self._note_reference(kind, text))
        tc.extend(paragraphs)
        return tc

    def _note_reference(self, kind, text):
        notes = self.footnotes if kind == "footnote" else self.endnotes
        notes.append(text)
        run = OxmlElement("w:r")
        reference = OxmlElement(f"w:{kind}Reference")
        reference.set(qn("w:id"), str(len(notes)))
        run.append(reference)
        return run

    def _notes_part(self, kind, notes):
        items = "".join(
            f'<w:{kind} w:id="{n}"><w:p><w:r><w:t xml:space="preserve">{text}'
            f"</w:t></w:r></w:p></w:{kind}>"
            for n, text in enumerate(notes, start=1)
        )
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:{kind}s xmlns:w="{W_NS}">'
            f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
            f"</w:r></w:p></w:{kind}>{items}</w:{kind}s>"
        )
        content_type = (
            CONTENT_TYPE.WML_FOOTNOTES
            if kind == "footnote"
            else CONTENT_TYPE.WML_ENDNOTES
        )
        reltype = (
            RELATIONSHIP_TYPE.FOOTNOTES
            if kind == "footnote"
            else RELATIONSHIP_TYPE.ENDNOTES
        )
        part = Part(
            PackURI(f"/word/{kind}s.xml"),
            content_type,
            xml.encode(),
            self.document.part.package,
        )
        self.document.part.relate_to(part, reltype)

    def save(self):
        if self.footnotes:
            self._notes_part("footnote", self.footnotes)
        if self.endnotes:
            self._notes_part("endnote", self.endnotes)
        output = io.BytesIO()
        self.document.save(output)
        return output.getvalue()

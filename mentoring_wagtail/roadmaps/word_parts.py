"""What a roadmap's cell holds besides its text: Word's own numbered lists
(``w:numPr``: the numbers are not in the text), bold runs, references to
footnotes and endnotes, the «repeat as header row» mark (``w:tblHeader``).
"""

from lxml import etree

from .word_layout import W, paragraph_text

NOTE_PARTS = ("/footnotes", "/endnotes")
LIST_STYLES = ("listnumber", "listbullet", "списокнумерованный", "маркированныйсписок")


def _is_list_paragraph(p):
    p_pr = p.find(f"{W}pPr")
    if p_pr is None:
        return False
    num_pr = p_pr.find(f"{W}numPr")
    if num_pr is not None:
        num_id = num_pr.find(f"{W}numId")
        # numId 0 switches numbering off
        return num_id is None or num_id.get(f"{W}val") != "0"
    style = p_pr.find(f"{W}pStyle")
    value = (style.get(f"{W}val") or "").lower() if style is not None else ""
    return value.replace(" ", "").startswith(LIST_STYLES)


def word_list_items(tc):
    """``(lead, [items])`` of a cell holding a Word list of at least two
    items, else ``None``: the lead is the text of the paragraphs before it."""
    lead, items = [], []
    for p in tc.iter(f"{W}p"):
        text = " ".join(paragraph_text(p).split())
        if not text:
            continue
        if _is_list_paragraph(p):
            items.append(text)
        elif items:
            items[-1] += "\n" + text  # a paragraph continuing the item
        else:
            lead.append(text)
    if len(items) < 2:
        return None
    return "\n".join(lead), items


def all_bold(tc):
    """Every run with text in the cell is bold (a heading's look)."""
    runs = [r for r in tc.iter(f"{W}r") if "".join(r.itertext()).strip()]
    if not runs:
        return False
    for run in runs:
        bold = run.find(f"{W}rPr/{W}b")
        if bold is None or bold.get(f"{W}val") in ("0", "false", "off"):
            return False
    return True


def is_header_row(row):
    """The row is marked «repeat as header row at the top of each page»."""
    tc = next((cell[4] for cell in row if cell[4] is not None), None)
    if tc is None:
        return False
    tr = tc.getparent()
    return tr is not None and tr.find(f"{W}trPr/{W}tblHeader") is not None


def cell_note_ids(tc):
    """``("footnote", id)`` and ``("endnote", id)`` of the notes the cell cites."""
    for node in tc.iter(f"{W}footnoteReference", f"{W}endnoteReference"):
        kind = "footnote" if node.tag == f"{W}footnoteReference" else "endnote"
        yield kind, node.get(f"{W}id")


def note_texts(document):
    """``{(kind, id): text}`` of the document's footnotes and endnotes.

    The parts were scanned for entity declarations by ``word.safety``; they
    are parsed here without network or entity resolution all the same.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    notes = {}
    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith(NOTE_PARTS):
            continue
        kind = "footnote" if rel.reltype.endswith("/footnotes") else "endnote"
        root = etree.fromstring(rel.target_part.blob, parser)
        for note in root.iterchildren(f"{W}{kind}"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator"):
                continue
            lines = (" ".join(paragraph_text(p).split()) for p in note.iter(f"{W}p"))
            text = "\n".join(line for line in lines if line)
            if text:
                notes[(kind, note.get(f"{W}id"))] = text
    return notes

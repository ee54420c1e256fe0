"""The QR-code requisite of ГОСТ Р 7.0.97-2025, drawn with segno (pure Python).

The code carries the document's registration details (organisation, kind,
number, date) and the address of its page in the public registry, one item a
line, so a phone shows the details and opens the page that shows the same
number and date. The standard's place for it is the bottom right corner of
the first page: it goes in the first page's footer, aligned right, about
20 mm square (the first page has no page number, so the footer is free).
"""

import io

import segno
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

QR_SIZE = Mm(20)


def qr_text(*, organisation="", kind="", number="", date="", url=""):
    lines = [organisation, " ".join(filter(None, [kind, number, date])), url]
    return "\n".join(line for line in lines if line)


def qr_png(text):
    code = segno.make(text, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def place_qr(section, text):
    """Put the code for ``text`` in ``section``'s first-page footer, right."""
    section.different_first_page_header_footer = True
    footer = section.first_page_footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    if paragraph.text.strip() or paragraph.runs:
        paragraph = footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.paragraph_format.space_after = 0
    paragraph.add_run().add_picture(
        io.BytesIO(qr_png(text)), width=QR_SIZE, height=QR_SIZE
    )
    return paragraph

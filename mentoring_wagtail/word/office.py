"""The one writer of every Word file the package makes: a Russian office paper.

``new_document()`` opens a template (or python-docx's blank document) and
``document_bytes()`` saves it after ``make_office_paper()`` has made it what a
school secretary expects (ГОСТ Р 7.0.97-2025 and the schools' habits):

- A4, portrait (landscape where a wide table needs it), margins 20/10/20/30 mm
  (top/right/bottom/left) unless the template has its own;
- Times New Roman 14, 12 inside tables; headings black, not Word's blue;
- the language ``ru-RU`` in the document defaults, every style and the
  settings (Word spell-checks Russian as Russian);
- page numbers from the second page, top centre (a PAGE field in the header,
  an empty or template-given header on the first page);
- core properties naming the organisation, never «python-docx».
"""

import datetime
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.run import Run

FONT = "Times New Roman"
BODY_SIZE = Pt(14)
TABLE_SIZE = Pt(12)
A4_SHORT, A4_LONG = Mm(210), Mm(297)
MARGINS = {"top": Mm(20), "right": Mm(10), "bottom": Mm(20), "left": Mm(30)}
LANGUAGE = "ru-RU"
BLACK = RGBColor(0, 0, 0)
# python-docx's blank template: its margins mean «no template of a school's own».
DEFAULT_TEMPLATE_MARGINS = {Mm(25.4), Pt(72), 914400}


def new_document(template=None):
    """A python-docx document from ``template`` (a path) or the blank one."""
    return Document(str(template)) if template else Document()


def _set_lang(r_pr):
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")


def _set_fonts(r_pr):
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme"):
            del fonts.attrib[attribute]
    for name in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(name), FONT)


def _doc_defaults(document):
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_pr_default = defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    _set_fonts(r_pr)
    _set_lang(r_pr)


def _styles(document):
    for style in document.styles:
        element = style.element
        r_pr = element.get_or_add_rPr()
        _set_lang(r_pr)
        name = style.name or ""
        if name.startswith(("Heading", "Title", "Subtitle")):
            _set_fonts(r_pr)
            style.font.color.rgb = BLACK
            style.font.size = BODY_SIZE
            style.font.bold = True
            style.font.italic = False
            if name == "Title":
                # python-docx's Title has a blue bottom border.
                p_pr = element.find(qn("w:pPr"))
                if p_pr is not None:
                    for border in p_pr.findall(qn("w:pBdr")):
                        p_pr.remove(border)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    _set_fonts(normal.element.get_or_add_rPr())


def _settings(document):
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        settings.append(theme_lang)
    theme_lang.set(qn("w:val"), LANGUAGE)
    theme_lang.set(qn("w:eastAsia"), LANGUAGE)


def _page(section, landscape, keep_margins):
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    if landscape:
        section.page_width, section.page_height = A4_LONG, A4_SHORT
    else:
        section.page_width, section.page_height = A4_SHORT, A4_LONG
    if keep_margins and section.left_margin not in DEFAULT_TEMPLATE_MARGINS:
        return
    section.top_margin = MARGINS["top"]
    section.right_margin = MARGINS["right"]
    section.bottom_margin = MARGINS["bottom"]
    section.left_margin = MARGINS["left"]
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _page_field(paragraph):
    """Append a PAGE field (Word and LibreOffice both compute it)."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    value = OxmlElement("w:t")
    value.text = "2"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate, value, end):
        run._r.append(element)
    run.font.size = BODY_SIZE
    run.font.name = FONT


def has_page_field(header):
    return any(
        " PAGE " in (node.text or "")
        for node in header._element.iter(qn("w:instrText"))
    )


def _page_numbers(section):
    """Numbers from page 2, top centre; the first page keeps its own header."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    if has_page_field(header):
        return
    for paragraph in header.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    paragraph = header.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(paragraph)


def _table_text(document):
    """12 pt inside tables, unless a run says its size (a template's layout
    table of date and number, or of the signature, keeps its 14)."""
    for table in document.element.body.iter(qn("w:tbl")):
        for r in table.iter(qn("w:r")):
            run = Run(r, None)
            if run.font.size is None:
                run.font.size = TABLE_SIZE


def _properties(document, organisation_name, title, subject):
    properties = document.core_properties
    properties.author = organisation_name or ""
    properties.last_modified_by = organisation_name or ""
    properties.comments = ""
    properties.category = ""
    properties.keywords = ""
    properties.language = LANGUAGE
    properties.revision = 1
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)
    properties.created = now
    properties.modified = now
    if title:
        properties.title = title
    if subject is not None:
        properties.subject = subject


def organisation_name(organisation):
    if organisation is None:
        return ""
    return (
        getattr(organisation, "full_name", "")
        or getattr(organisation, "short_name", "")
        or ""
    )


def make_office_paper(
    document,
    *,
    organisation=None,
    title="",
    subject=None,
    landscape=False,
    keep_margins=False,
):
    """Make ``document`` a Russian office paper (see the module docstring)."""
    _doc_defaults(document)
    _styles(document)
    _settings(document)
    for section in document.sections:
        _page(section, landscape, keep_margins)
        _page_numbers(section)
    _table_text(document)
    _properties(document, organisation_name(organisation), title, subject)
    return document


def document_bytes(document, **options):
    """``make_office_paper(document, **options)`` saved as .docx bytes."""
    make_office_paper(document, **options)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def set_column_widths(table, widths):
    """Column widths (Length values) that Word and LibreOffice both honour.

    Rows with cells merged across keep their merged cell's own width.
    """
    table.autofit = False
    grid = table._tbl.tblGrid
    for column, width in zip(grid.gridCol_lst, widths, strict=False):
        column.w = width
    for tr in table._tbl.tr_lst:
        if len(tr.tc_lst) != len(widths):
            continue
        for tc, width in zip(tr.tc_lst, widths, strict=True):
            _Cell(tc, table).width = width


def fit_widths(weights, total):
    """Widths in proportion to ``weights`` that add up to ``total``."""
    whole = sum(weights)
    return [int(total * weight / whole) for weight in weights]


def text_width(section):
    return section.page_width - section.left_margin - section.right_margin

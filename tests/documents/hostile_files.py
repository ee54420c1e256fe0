"""Hostile files, generated small: what an attacker would try to upload.

Each builder returns bytes; ``HOSTILE`` names every one with the file name it
would be uploaded under (the name always claims an accepted type).
"""

import io
import random
import zipfile

from ..documents_support import docx_bytes, exe_bytes, pdf_bytes

PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
    b"/Resources << >>%s >>"
)


def build_pdf(catalog_extra=b"", page_extra=b"", extra_objects=(), between=b""):
    """A one-page PDF with correct offsets; ``extra_objects`` are numbered 5, 6…"""
    content = b"BT /F1 12 Tf 72 770 Td (Scan) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R" + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        PAGE % page_extra,
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *extra_objects,
    ]
    output = bytearray(b"%PDF-1.4\n" + between + b"%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)


def sound_pdf():
    return build_pdf()


def pdf_open_action_javascript():
    return build_pdf(
        catalog_extra=b" /OpenAction 5 0 R",
        extra_objects=[b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>"],
    )


def pdf_names_javascript():
    return build_pdf(
        catalog_extra=b" /Names << /JavaScript 5 0 R >>",
        extra_objects=[
            b"<< /Names [(x) << /S /JavaScript /JS (this.exportDataObject()) >>] >>"
        ],
    )


def pdf_obfuscated_javascript():
    # «#61» is «a»: /J#61vaScript is /JavaScript to every PDF reader.
    return build_pdf(
        catalog_extra=b" /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>"
    )


def pdf_annotation_javascript():
    return build_pdf(
        page_extra=b" /Annots [5 0 R]",
        extra_objects=[
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] "
            b"/AA << /E << /S /JavaScript /JS (app.alert(1)) >> >> >>"
        ],
    )


def pdf_launch():
    return build_pdf(
        catalog_extra=b" /OpenAction << /S /Launch /F (cmd.exe) >>",
    )


def pdf_embedded_file():
    payload = b"an attached file: harmless text, refused for being attached"
    return build_pdf(
        catalog_extra=b" /Names << /EmbeddedFiles << /Names [(a.txt) 5 0 R] >> >>",
        extra_objects=[
            b"<< /Type /Filespec /F (a.txt) /EF << /F 6 0 R >> >>",
            b"<< /Type /EmbeddedFile /Length %d >>\nstream\n" % len(payload)
            + payload
            + b"\nendstream",
        ],
    )


def pdf_then_exe():
    """A PDF header, then a program, then a well-formed PDF body."""
    return build_pdf(between=exe_bytes() + b"\n")


def pdf_then_html():
    return build_pdf(between=b"<html><script>alert(document.cookie)</script>\n")


def html_then_pdf():
    return b"<html><body><script>alert(1)</script>" + sound_pdf()


def pdf_with_appended_exe():
    return sound_pdf() + exe_bytes()


def pdf_broken_structure():
    """Header and «%%EOF» in place, nothing PDF in between."""
    return b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


def elf_bytes():
    return (
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
    )


def svg_bytes():
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
        b"<script>alert(document.domain)</script></svg>"
    )


def html_bytes():
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def _rewrite_docx(data, transform):
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                content = transform(content)
            target.writestr(item, content)
    return output.getvalue()


ENTITY_DOCUMENT = (
    '<?xml version="1.0" encoding="{encoding}" standalone="yes"?>'
    '<!DOCTYPE w:document [<!ENTITY secret "Положение">]>'
)


def docx_with_entities(codec, encoding, bom=b""):
    """A .docx whose main part is re-encoded in ``codec``, with a DTD."""

    def transform(content):
        text = content.decode("utf-8")
        body = text[text.index("?>") + 2 :]
        prolog = ENTITY_DOCUMENT.format(encoding=encoding)
        return bom + (prolog + body).encode(codec)

    return _rewrite_docx(docx_bytes("Текст &secret; после сущности"), transform)


ENTITY_VARIANTS = {
    "utf-8": ("utf-8", "UTF-8", b""),
    "utf-8-bom": ("utf-8", "UTF-8", b"\xef\xbb\xbf"),
    "utf-16-le-bom": ("utf-16-le", "UTF-16", b"\xff\xfe"),
    "utf-16-be-bom": ("utf-16-be", "UTF-16", b"\xfe\xff"),
    "utf-16-le": ("utf-16-le", "UTF-16", b""),
    "utf-16-be": ("utf-16-be", "UTF-16", b""),
}


def zip_bomb():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", "<Types/>")
        target.writestr(
            "word/document.xml",
            b"<w:document>" + b" " * (60 * 1024 * 1024) + b"</w:document>",
        )
    return output.getvalue()


def docx_with_rows(count, seed=9):
    """A .docx holding one table of ``count`` rows of varied text.

    Written straight as XML (python-docx takes minutes for 100,000 rows); the
    text varies so the file compresses like a real one, not like a bomb.
    """
    rng = random.Random(seed)  # noqa: S311 - varied text, not secrets
    words = ["Мероприятие", "наставник", "отчёт", "сентябрь", "куратор", "приказ"]
    rows = []
    for number in range(count):
        text = f"{number} {rng.choice(words)} {rng.randrange(10**9)}"
        rows.append(
            f"<w:tr><w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc></w:tr>"
        )
    body = "".join(rows)

    def transform(content):
        head, tail = content.split(b"<w:body>", 1)
        table = f"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>{body}</w:tbl>"
        return head + b"<w:body>" + table.encode() + tail

    return _rewrite_docx(docx_bytes("Дорожная карта"), transform)


# name → (builder, file name it is uploaded as)
HOSTILE = {
    "renamed-windows-executable": (exe_bytes, "prikaz.pdf"),
    "renamed-linux-executable": (elf_bytes, "prikaz.pdf"),
    "pdf-javascript-open-action": (pdf_open_action_javascript, "scan.pdf"),
    "pdf-javascript-names-tree": (pdf_names_javascript, "scan.pdf"),
    "pdf-javascript-obfuscated-name": (pdf_obfuscated_javascript, "scan.pdf"),
    "pdf-javascript-annotation": (pdf_annotation_javascript, "scan.pdf"),
    "pdf-launch-action": (pdf_launch, "scan.pdf"),
    "pdf-embedded-file": (pdf_embedded_file, "scan.pdf"),
    "pdf-header-then-executable": (pdf_then_exe, "scan.pdf"),
    "pdf-header-then-html": (pdf_then_html, "scan.pdf"),
    "html-then-pdf": (html_then_pdf, "scan.pdf"),
    "pdf-with-executable-appended": (pdf_with_appended_exe, "scan.pdf"),
    "pdf-broken-structure": (pdf_broken_structure, "scan.pdf"),
    "svg": (svg_bytes, "scan.pdf"),
    "html": (html_bytes, "prikaz.docx"),
    "zip-bomb": (zip_bomb, "prikaz.docx"),
    **{
        f"docx-entities-{name}": (
            lambda variant=variant: docx_with_entities(*variant),
            "prikaz.docx",
        )
        for name, variant in ENTITY_VARIANTS.items()
    },
}

SOUND = {
    "pdf": (pdf_bytes, "scan.pdf"),
    "docx": (docx_bytes, "prikaz.docx"),
}

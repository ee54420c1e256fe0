"""Read the XML parts of a Word file as a stream, before python-docx does.

Each part is fed in small chunks to expat, which detects the encoding as the
XML specification says (byte-order mark, the first bytes of UTF-16 or UTF-32
without one, the declaration), so a ``<!DOCTYPE`` or ``<!ENTITY`` hidden in a
UTF-16 part is seen like one in UTF-8. Parsing stops at the root element of
each part (no declaration can follow it), except in ``word/document.xml``,
whose table rows are counted as they stream past: a table over the limit is
refused without the document ever being held in memory.
"""

import zipfile
from xml.parsers import expat

CHUNK_SIZE = 64 * 1024
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SEPARATOR = " "
TABLE = f"{WORD_NS}{SEPARATOR}tbl"
ROW = f"{WORD_NS}{SEPARATOR}tr"
MAIN_PART = "word/document.xml"


class PartRefused(Exception):
    """A part of the file is not what Word writes; ``reason`` says why."""

    def __init__(self, reason, **details):
        super().__init__(reason)
        self.reason = reason
        self.details = details


class _StopAtRoot(Exception):
    pass


class _PartReader:
    def __init__(self, name, max_table_rows):
        self.name = name
        self.max_table_rows = max_table_rows
        self.count_rows = name == MAIN_PART
        self.open_tables = []  # rows counted so far, one entry per open table
        self.parser = expat.ParserCreate(namespace_separator=SEPARATOR)
        self.parser.StartDoctypeDeclHandler = self._declaration
        self.parser.EntityDeclHandler = self._declaration
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end

    def _declaration(self, *args):
        raise PartRefused("declaration")

    def _start(self, name, attributes):
        if not self.count_rows:
            raise _StopAtRoot
        if name == TABLE:
            self.open_tables.append(0)
        elif name == ROW and self.open_tables:
            self.open_tables[-1] += 1
            if self.open_tables[-1] > self.max_table_rows:
                raise PartRefused(
                    "rows", count=self.open_tables[-1], limit=self.max_table_rows
                )

    def _end(self, name):
        if name == TABLE and self.open_tables:
            self.open_tables.pop()

    def read(self, stream):
        try:
            while chunk := stream.read(CHUNK_SIZE):
                self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except _StopAtRoot:
            return
        except expat.ExpatError as exc:
            raise PartRefused("broken") from exc


def scan_xml_parts(archive, entries, *, max_table_rows):
    """Raise ``PartRefused`` if an XML part declares a DTD or entity, does not
    parse, or holds a table of more than ``max_table_rows`` rows."""
    for entry in entries:
        if not entry.filename.endswith((".xml", ".rels")):
            continue
        reader = _PartReader(entry.filename, max_table_rows)
        try:
            with archive.open(entry) as stream:
                reader.read(stream)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
            raise PartRefused("broken") from exc

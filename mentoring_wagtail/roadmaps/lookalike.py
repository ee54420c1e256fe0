"""Word files that have a table but are not a roadmap: a timetable, a staff
list with contacts, minutes of a meeting.

Each is refused with the reason before anything is read into a roadmap, so
no cell of such a file (a colleague's phone, a pupil's name) reaches a page,
a note or a log. The tests look at the words of the whole document, never
print them: the reason names the kind of file only.
"""

import re

from django.utils.translation import gettext as _

WEEKDAYS = (
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
)
RE_TIME_RANGE = re.compile(r"\b\d{1,2}[.:]\d\d\s*[-–—]\s*\d{1,2}[.:]\d\d\b")
RE_PHONE = re.compile(r"(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d\d[\s-]*\d\d\b")
RE_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
CONTACT_HEADERS = (
    "телефон",
    "тел.",
    "контактный телефон",
    "контакты",
    "e-mail",
    "email",
    "эл. почта",
    "электронная почта",
    "адрес электронной почты",
)
TIMETABLE_HEADERS = ("день недели", "дни недели", "время", "кабинет", "аудитория")
RE_MINUTES_TITLE = re.compile(r"^\W*протокол\b", re.I)
RE_MINUTES_WORDS = re.compile(
    r"^\W*(?:повестка\s+дня|слушали|постановили|решили|выступили|присутствовал)",
    re.I,
)
SHARE = 0.3  # of the table's rows


def _norm(text):
    return " ".join(text.lower().replace("ё", "е").split())


def lookalike_reason(paragraphs, tables):
    """The reason to refuse, or ``None``.

    ``paragraphs``: the document's top-level paragraph texts; ``tables``: each
    table as a list of rows of cell texts.
    """
    if _is_minutes(paragraphs):
        return _("There is no table of activities in the file: it looks like minutes.")
    for rows in tables:
        if not rows:
            continue
        headers = [_norm(text) for row in rows[:3] for text in row]
        body = rows[1:] or rows
        if _share(
            body, lambda t: RE_PHONE.search(t) or RE_EMAIL.search(t)
        ) >= SHARE or any(header.startswith(CONTACT_HEADERS) for header in headers):
            return _(
                "There is no table of activities in the file: it looks like a "
                "staff list with contacts."
            )
        weekday_headers = sum(
            1 for header in headers if any(header.startswith(d) for d in WEEKDAYS)
        )
        timetable_header = any(
            header in TIMETABLE_HEADERS or header.startswith(TIMETABLE_HEADERS)
            for header in headers
        )
        times = _share(body, RE_TIME_RANGE.search)
        weekdays = _share(body, lambda t: any(_norm(t).startswith(d) for d in WEEKDAYS))
        if (
            weekday_headers >= 2
            or times >= SHARE
            or (timetable_header and weekdays >= SHARE)
        ):
            return _(
                "There is no table of activities in the file: it looks like a "
                "timetable."
            )
    return None


def _share(rows, test):
    """Share of ``rows`` with at least one cell passing ``test``."""
    if not rows:
        return 0
    return sum(1 for row in rows if any(test(text) for text in row)) / len(rows)


def _is_minutes(paragraphs):
    titled = any(RE_MINUTES_TITLE.match(p) for p in paragraphs[:8])
    sections = sum(1 for p in paragraphs if RE_MINUTES_WORDS.match(p))
    return (titled and sections >= 1) or sections >= 2

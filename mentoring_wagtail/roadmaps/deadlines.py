"""Understand a roadmap deadline as written («До 10 апреля 2022», «Ежегодно в мае»).

``parse_deadline`` turns the wording into a ``Deadline``: a single date, a date
range (a month, «Ноябрь 2021 - май 2022», «1.01.22-31.12.22»), a yearly
recurrence («Ежегодно в мае, августе»), or free text it keeps as written
(«Весь период», «по мере необходимости»). Nothing is guessed silently: a
wording that is only partly understood («Апрель 2023, далее – ежегодно …»)
is parsed from its first part and marked ``exact=False``.

When the academic year is known («2024/2025»), every wording without a
year takes it from there: September–December fall in its first calendar year,
January–August in the second. So «до 15.09» is 15.09.2024, «15 октября» is
15.10.2024, «с 01.09 по 30.12» lies in 2024, «Ежегодно в мае» ends on
31.05.2025 and a bare «октябрь» is October 2024. Quarters («IV квартал 2024»),
halves of the academic year («1 полугодие»: September–December; «II
полугодие 2024/2025 уч. года»: January–May) and «в течение (учебного) года»
(1 September – 31 August) are periods too.
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

DATE = "date"
RANGE = "range"
RECURRING = "recurring"
TEXT = "text"

# Stems of the month names in every case a deadline uses them
# («май», «мая», «мае»; «сентябрь», «сентября», «сентябре»).
MONTH_STEMS = (
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("ма[йяею]", 5),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
)
MONTH = r"(?P<{name}>" + "|".join(f"{stem}[а-я]*" for stem, _ in MONTH_STEMS) + ")"
YEAR = r"(?P<{name}>(?:19|20)\d\d|\d\d)"
NUMERIC = (
    r"(?P<{d}>\d{{1,2}})\.\s?(?P<{m}>\d{{1,2}})"
    r"(?:\.\s?(?P<{y}>(?:19|20)\d\d|\d\d)(?!\d))?"
)
DASH = r"\s*(?:-|–|—|по|до)\s*"


def _month(word):
    word = word.lower()
    for stem, number in MONTH_STEMS:
        if re.match(stem, word):
            return number
    raise ValueError(word)


def _year(text, default=None):
    if not text:
        return default
    value = int(text)
    return value + 2000 if value < 100 else value


def _month_end(year, month):
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year, month, day):
    try:
        return date(year, month, day)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Deadline:
    text: str
    kind: str = TEXT
    start: date | None = None
    end: date | None = None
    months: tuple = field(default_factory=tuple)  # recurring months, 1–12
    exact: bool = True

    @property
    def is_dated(self):
        return self.end is not None or self.start is not None

    def is_overdue(self, today):
        return self.end is not None and self.end < today

    def month_keys(self):
        """(year, month) pairs the deadline covers, for a month-by-month timeline."""
        if self.start is None and self.end is None:
            return []
        start = self.start or self.end.replace(day=1)
        end = self.end or start
        keys = []
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month) and len(keys) < 60:
            keys.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return keys


RE_NUMERIC_RANGE = re.compile(
    r"(?:^|\bс\s*)"
    + NUMERIC.format(d="d1", m="m1", y="y1")
    + DASH
    + NUMERIC.format(d="d2", m="m2", y="y2"),
    re.IGNORECASE,
)
RE_NUMERIC = re.compile(r"(?<![\d.])" + NUMERIC.format(d="d", m="m", y="y"))
RE_DAY_MONTH = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s+"
    + MONTH.format(name="m")
    + r"(?:\s+"
    + YEAR.format(name="y")
    + r")?",
    re.IGNORECASE,
)
RE_MONTH_RANGE = re.compile(
    MONTH.format(name="m1")
    + r"(?:\s+"
    + YEAR.format(name="y1")
    + r")?(?:\s*г(?:ода?)?\.?)?"
    + r"\s*(?:-|–|—)\s*"
    + MONTH.format(name="m2")
    + r"(?:\s+"
    + YEAR.format(name="y2")
    + r")?",
    re.IGNORECASE,
)
RE_MONTH_YEAR = re.compile(
    MONTH.format(name="m") + r"\s+" + YEAR.format(name="y") + r"(?!\d)", re.IGNORECASE
)
RE_MONTH = re.compile(r"\b" + MONTH.format(name="m") + r"\b", re.IGNORECASE)
RE_YEARLY = re.compile(r"ежегодно|каждый год|ежегодн", re.IGNORECASE)
RE_UNTIL = re.compile(r"^\s*до\b", re.IGNORECASE)
RE_FROM = re.compile(r"^\s*(?:с|начиная с)\b", re.IGNORECASE)
RE_FOLLOWUP = re.compile(r"[,;]?\s*(?:далее|затем|и далее)\b", re.IGNORECASE)
ORDINAL = r"(?P<n>IV|I{1,3}|[1-4]|перв\w*|втор\w*|трет\w*|четв[её]рт\w*)"
ORDINAL_WORDS = {"перв": 1, "втор": 2, "трет": 3, "четв": 4}
RE_QUARTER = re.compile(
    rf"(?<![\w.]){ORDINAL}[\s-]*(?:-?й\s+)?квартал\w*(?:\s+(?P<y>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
RE_HALF = re.compile(
    rf"(?<![\w.]){ORDINAL}[\s-]*(?:-?е\s+)?полугоди\w*"
    r"(?:\s+(?P<y1>(?:19|20)\d\d)(?:\s*[/–-]\s*(?P<y2>(?:19|20)\d\d))?)?",
    re.IGNORECASE,
)
RE_WHOLE_YEAR = re.compile(
    r"(?:в\s+)?течени[еи]\s+(?:всего\s+)?(?:учебного\s+|календарного\s+)?года"
    r"|весь\s+(?:учебный\s+)?год",
    re.IGNORECASE,
)


def academic_year_bounds(academic_year):
    """(first, second) calendar years of «2024/2025», «2024-2025» or «2024»."""
    found = re.findall(r"(?:19|20)\d\d", academic_year or "")
    if not found:
        return None
    first = int(found[0])
    second = int(found[1]) if len(found) > 1 else first + 1
    if second - first != 1:
        # «на 2023-2026 гг.»: a bare month could be in any of these years, and
        # choosing one would be a silent guess; such deadlines stay text.
        return None
    return first, second


def _ordinal(word):
    word = word.lower()
    roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    if word in roman:
        return roman[word]
    if word.isdigit():
        return int(word)
    return next(n for stem, n in ORDINAL_WORDS.items() if word.startswith(stem))


def _in_year(month, bounds, fallback=None):
    """The calendar year of ``month`` in the academic year ``bounds``."""
    if bounds is None:
        return fallback
    return bounds[0] if month >= 9 else bounds[1]


def _quarter(text, match, bounds, exact):
    quarter = _ordinal(match["n"])
    first_month = 3 * quarter - 2
    year = _year(match["y"]) or _in_year(3 * quarter, bounds)
    if year is None:
        return None
    return Deadline(
        text,
        RANGE,
        date(year, first_month, 1),
        _month_end(year, first_month + 2),
        exact=exact,
    )


def _half(text, match, bounds, exact):
    half = _ordinal(match["n"])
    if half not in (1, 2):
        return None
    if match["y2"]:  # «II полугодие 2024/2025 уч. года»
        bounds = (int(match["y1"]), int(match["y2"]))
    elif match["y1"]:  # «2 полугодие 2024»: a calendar half-year
        year = int(match["y1"])
        months = (1, 6) if half == 1 else (7, 12)
        return Deadline(
            text,
            RANGE,
            date(year, months[0], 1),
            _month_end(year, months[1]),
            exact=exact,
        )
    if bounds is None:
        return None
    if half == 1:
        start, end = date(bounds[0], 9, 1), date(bounds[0], 12, 31)
    else:
        start, end = date(bounds[1], 1, 1), date(bounds[1], 5, 31)
    return Deadline(text, RANGE, start, end, exact=exact)


def _recurring(text, body, academic_year):
    months = []
    for match in RE_MONTH.finditer(body):
        number = _month(match.group("m"))
        if number not in months:
            months.append(number)
    if not months:
        return Deadline(text, TEXT)
    bounds = academic_year_bounds(academic_year)
    start = end = None
    if bounds:
        dates = [_month_end(bounds[0] if m >= 9 else bounds[1], m) for m in months]
        end = max(dates)
        first = min(dates)
        start = first.replace(day=1)
    return Deadline(text, RECURRING, start, end, tuple(months))


def _parse(text, academic_year):
    body = " ".join(text.replace("\u00a0", " ").split())
    if not body:
        return Deadline(text, TEXT)
    bounds = academic_year_bounds(academic_year)
    # «Апрель 2023., далее – ежегодно сентябрь-октябрь»: the first part only.
    exact = True
    followup = RE_FOLLOWUP.search(body)
    if followup and followup.start() > 0:
        body, exact = body[: followup.start()], False
    if RE_YEARLY.search(body) and not RE_NUMERIC.search(body):
        if not RE_MONTH_YEAR.search(body):
            return _recurring(text, body, academic_year)

    for pattern, build in ((RE_QUARTER, _quarter), (RE_HALF, _half)):
        match = pattern.search(body)
        if match:
            deadline = build(text, match, bounds, exact)
            if deadline is not None:
                return deadline
    if RE_WHOLE_YEAR.search(body) and bounds and not RE_NUMERIC.search(body):
        if not RE_MONTH.search(body):
            return Deadline(
                text,
                RANGE,
                date(bounds[0], 9, 1),
                date(bounds[1], 8, 31),
                exact=exact,
            )

    match = RE_NUMERIC_RANGE.search(body)
    if match:
        m1, m2 = int(match["m1"]), int(match["m2"])
        year2 = _year(match["y2"], _in_year(m2, bounds))
        if match["y1"]:
            year1 = _year(match["y1"])
        elif match["y2"] or bounds is None:
            year1 = year2 - (1 if year2 is not None and m1 > m2 else 0)
        else:
            year1 = _in_year(m1, bounds)
        start = _safe_date(year1, int(match["m1"]), int(match["d1"]))
        end = _safe_date(year2, int(match["m2"]), int(match["d2"]))
        if start and end and start <= end:
            return Deadline(text, RANGE, start, end, exact=exact)

    match = RE_MONTH_RANGE.search(body)
    if match:
        m1, m2 = _month(match["m1"]), _month(match["m2"])
        year2 = _year(match["y2"], _in_year(m2, bounds))
        year1 = _year(match["y1"], year2)
        if year2 is not None:
            if match["y1"] is None and m1 > m2:
                year1 = year2 - 1
            start, end = date(year1, m1, 1), _month_end(year2, m2)
            if start <= end:
                return Deadline(text, RANGE, start, end, exact=exact)

    until = bool(RE_UNTIL.match(body))
    since = bool(RE_FROM.match(body))
    dates = [
        _safe_date(
            _year(m["y"], _in_year(int(m["m"]), bounds)), int(m["m"]), int(m["d"])
        )
        for m in RE_NUMERIC.finditer(body)
        if m["y"] or bounds
    ]
    dates += [
        _safe_date(
            _year(m["y"], _in_year(_month(m["m"]), bounds)), _month(m["m"]), int(m["d"])
        )
        for m in RE_DAY_MONTH.finditer(body)
        if m["y"] or bounds
    ]
    dates = sorted(d for d in dates if d)
    if dates:
        if until:
            return Deadline(text, DATE, None, dates[-1], exact=exact)
        if since:
            return Deadline(text, RANGE, dates[0], None, exact=False)
        if len(dates) == 1:
            return Deadline(text, DATE, dates[0], dates[0], exact=exact)
        return Deadline(text, RANGE, dates[0], dates[-1], exact=exact)

    match = RE_MONTH_YEAR.search(body)
    if match:
        year, month = _year(match["y"]), _month(match["m"])
        if until:
            return Deadline(text, DATE, None, date(year, month, 1), exact=exact)
        if since:
            return Deadline(text, RANGE, date(year, month, 1), None, exact=False)
        return Deadline(
            text, RANGE, date(year, month, 1), _month_end(year, month), exact=exact
        )
    if RE_YEARLY.search(body):
        return _recurring(text, body, academic_year)
    months = {_month(m["m"]) for m in RE_MONTH.finditer(body)}
    if bounds and len(months) == 1:  # «октябрь», «в мае»
        month = months.pop()
        year = _in_year(month, bounds)
        if until:
            return Deadline(text, DATE, None, date(year, month, 1), exact=exact)
        if since:
            return Deadline(text, RANGE, date(year, month, 1), None, exact=False)
        return Deadline(
            text, RANGE, date(year, month, 1), _month_end(year, month), exact=exact
        )
    return Deadline(text, TEXT)


@lru_cache(maxsize=8192)
def parse_deadline(text, academic_year=""):
    """Parse a deadline as written; see the module docstring.

    Pure and memoised: a roadmap repeats the same few wordings many times.
    """
    return _parse(text or "", academic_year or "")

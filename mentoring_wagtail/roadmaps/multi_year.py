"""Bare months in a roadmap over several years («на 2023-2026 гг.»).

In a plan for one academic year «сентябрь» has one meaning; in a plan for
2023–2026 it has three. The year then comes from the activity's own row
(«Аттестация наставников (2024/2025 уч. год)», a «Год» column) or, failing
that, from the sub-section or stage heading above it («Этап 2. Внедрение
(2024–2025 учебный год)»). The deadline gets the year written after each
month («сентябрь» → «сентябрь 2024», «ноябрь – март» → «ноябрь 2024 – март
2025»), so every reader of the page dates it the same way, and the preview says
where the year came from. When neither the row nor the headings name exactly
one year of the plan, the deadline stays as written and the preview warns:
the reader never picks a year itself.
"""

import re

from django.utils.translation import gettext as _

from .deadlines import RE_MONTH, RE_YEARLY, _month

RE_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# «2024/2025», «2024-2025 уч. год», «2024–25»: an academic year.
RE_ACADEMIC_YEAR = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*[/–—-]\s*((?:19|20)?\d\d)(?!\d)"
)
# A month word not already followed by a year («май» but not «май 2025»).
RE_MONTH_WITHOUT_YEAR = re.compile(
    RE_MONTH.pattern + r"(?!\s*(?:19|20)?\d\d(?!\d))", re.IGNORECASE
)
# Numbers that are not years: «приказ № 2024», «в 2024 г.» is a year.
RE_NUMBERED = re.compile(r"№\s*\d+")


def plan_years(year_text):
    """The calendar years a multi-year plan spans («2023/2026» → 2023–2026),
    or ``None`` for a plan of one academic year."""
    found = [int(y) for y in RE_ANY_YEAR.findall(year_text or "")]
    if len(found) < 2 or max(found) - min(found) < 2:
        return None
    return range(min(found), max(found) + 1)


def named_year(text, years):
    """The one year ``text`` names inside the plan: ``(first, second)`` for an
    academic year, ``(year, year)`` for a calendar year; ``None`` when it names
    none or more than one."""
    text = RE_NUMBERED.sub(" ", text or "")
    spans = set()
    for match in RE_ACADEMIC_YEAR.finditer(text):
        first = int(match[1])
        second = (
            int(match[2]) if len(match[2]) == 4 else first // 100 * 100 + int(match[2])
        )
        if second == first + 1:
            spans.add((first, second))
    rest = RE_ACADEMIC_YEAR.sub(" ", text)
    for match in RE_ANY_YEAR.finditer(rest):
        year = int(match[0])
        spans.add((year, year))
    spans = {span for span in spans if span[0] in years and span[1] in years}
    return spans.pop() if len(spans) == 1 else None


def needs_year(deadline):
    """A deadline naming a month and no year («май», «в течение октября»)."""
    deadline = RE_NUMBERED.sub(" ", deadline)
    return bool(
        RE_MONTH.search(deadline)
        and not RE_ANY_YEAR.search(deadline)
        and not RE_YEARLY.search(deadline)
    )


def with_year(deadline, span):
    """``deadline`` with the year of ``span`` written after each month:
    September–December in the first year of an academic year, the rest in
    the second."""

    def dated(match):
        month = _month(match["m"])
        year = span[0] if month >= 9 else span[1]
        return f"{match[0]} {year}"

    return RE_MONTH_WITHOUT_YEAR.sub(dated, deadline)


def _span_label(span):
    return str(span[0]) if span[0] == span[1] else f"{span[0]}/{span[1]}"


def date_bare_months(roadmap):
    """Give every bare month of a multi-year ``roadmap`` the year of its row or
    heading, or leave it as text; each outcome is listed in its warnings."""
    years = plan_years(roadmap.year)
    if years is None:
        return
    for stage in roadmap.stages:
        for activity in stage.activities:
            if not needs_year(activity.deadline):
                continue
            row = "\n".join(
                (
                    activity.number,
                    activity.title,
                    activity.responsible,
                    activity.result,
                    activity.actual_result,
                    activity.notes,
                )
            )
            sources = (
                (row, _("its row")),
                (activity.task, _("the heading «%(text)s»")),
                (stage.title, _("the stage «%(text)s»")),
            )
            name = (activity.number or activity.title)[:40]
            for text, where in sources:
                span = named_year(text, years)
                if span is None:
                    continue
                dated = with_year(activity.deadline, span)
                roadmap.warnings.append(
                    _(
                        "Deadline «%(deadline)s» of activity «%(activity)s» took "
                        "the year %(year)s from %(where)s: «%(dated)s»."
                    )
                    % {
                        "deadline": activity.deadline[:60],
                        "activity": name,
                        "year": _span_label(span),
                        "where": where % {"text": text[:60]},
                        "dated": dated[:80],
                    }
                )
                activity.deadline = dated
                break
            else:
                roadmap.warnings.append(
                    _(
                        "Deadline «%(deadline)s» of activity «%(activity)s» names "
                        "no year in a roadmap for %(years)s: kept as text."
                    )
                    % {
                        "deadline": activity.deadline[:60],
                        "activity": name,
                        "years": roadmap.year,
                    }
                )

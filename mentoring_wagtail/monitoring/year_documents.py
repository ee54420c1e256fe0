"""Which programme, regulation and roadmap were in force in an academic year.

A year runs from 1 September to 31 August. A registry record counts when it
was published (or revoked since), dated before the year ended, not revoked
before it began, and — when its title names a period («на 2024–2027 годы») —
the period overlaps the year; of several, the latest edition wins.
"""

import datetime
import re

from django.db.models import Q

from mentoring_wagtail.documents.editions import MentoringProgramme, Regulation
from mentoring_wagtail.roadmaps.models import RoadmapPage

from .years import start_year

PERIOD = re.compile(r"(20\d\d)\s*[-–—/]\s*(20\d\d)")


def year_bounds(academic_year):
    first = start_year(academic_year)
    return datetime.date(first, 9, 1), datetime.date(first + 1, 8, 31)


def _period_overlaps(title, begins, ends):
    match = PERIOD.search(title or "")
    if not match:
        return True
    start, end = int(match.group(1)), int(match.group(2))
    return start <= ends.year and end >= begins.year


def in_force_during(model, site, academic_year):
    """The record of ``model`` in force during the year, or ``None``."""
    begins, ends = year_bounds(academic_year)
    candidates = (
        model.objects.filter(site=site, date__lte=ends)
        .filter(Q(live=True) | Q(revoked_on__isnull=False))
        .exclude(revoked_on__lt=begins)
        .order_by("-date", "-pk")
    )
    return next(
        (
            record
            for record in candidates[:20]
            if _period_overlaps(record.title, begins, ends)
            and (getattr(record, "starts_on", record.date) or record.date) <= ends
        ),
        None,
    )


def programme_for(site, academic_year):
    return in_force_during(MentoringProgramme, site, academic_year)


def regulation_for(site, academic_year):
    return in_force_during(Regulation, site, academic_year)


def _same_year(text, academic_year):
    return re.findall(r"\d{4}", text or "")[:2] == re.findall(r"\d{4}", academic_year)


def roadmap_for(site, academic_year):
    pages = RoadmapPage.objects.live().descendant_of(site.root_page, inclusive=True)
    first = start_year(academic_year)
    candidates = pages.filter(academic_year__contains=str(first)).order_by(
        "-last_published_at"
    )
    return next(
        (p for p in candidates if _same_year(p.academic_year, academic_year)), None
    )

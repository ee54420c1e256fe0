"""The target indicators of the model for academic years, from the records.

Arithmetic as the schools' reports (seed 001) write it: a share is the count
over the base, in whole per cent rounded half up, shown «33 из 59 – 56 %».
Everything for any number of years comes from at most six queries whatever the
number of groups, mentees or answers, and for any number of schools
(``compute_indicators_of_sites``, the regional table): the rows are read as
compact tuples and counted here.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count

from mentoring_wagtail.participants.models import MentorCourse

from .choices import (
    INDICATOR_LABELS,
    MENTEE_SATISFACTION,
    MENTEES_10_19,
    MENTEES_SURVEYED,
    MENTEES_TOTAL,
    MENTORS_15_19,
    MENTORS_TOTAL,
    MENTORS_TRAINED,
    TARGET_FIELDS,
    TEACHERS_WITH_MENTOR,
    Moment,
    Role,
)
from .counted_people import bases_of_year, participants_of_sites
from .models import MonitoringYear, QuestionnaireAnswer, QuestionnairePage
from .years import start_year


def min_group_size():
    return getattr(settings, "MENTORING_WAGTAIL_MIN_GROUP_SIZE", 5)


def percent(numerator, denominator):
    """Whole per cent, rounded half up as a report does (55/108 → 51)."""
    if not denominator:
        return None
    value = Decimal(numerator) * 100 / Decimal(denominator)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Indicator:
    code: str
    numerator: int | None
    denominator: int | None
    target: Decimal | None = None

    @property
    def label(self):
        return INDICATOR_LABELS[self.code]

    @property
    def percent(self):
        if self.numerator is None:
            return None
        return percent(self.numerator, self.denominator)

    @property
    def text(self):
        """«33 из 59 – 56 %», or «—» when the base is unknown."""
        if self.percent is None:
            return "—"
        return f"{self.numerator} из {self.denominator} – {self.percent} %"

    def is_shown_publicly(self, threshold=None):
        """Hidden when so few people are behind it that one could be singled out."""
        threshold = min_group_size() if threshold is None else threshold
        return self.percent is not None and self.denominator >= threshold


@dataclass
class YearIndicators:
    academic_year: str
    indicators: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    totals: MonitoringYear | None = None

    def __iter__(self):
        return iter(self.indicators.values())


def _answers(site_ids, years):
    """Per site, year and role: (satisfied, answered) at the end of the year,
    and per site and year how many mentees answered at the start."""
    questionnaires = {
        row["pk"]: row
        for row in QuestionnairePage.objects.filter(academic_year__in=years).values(
            "pk", "academic_year", "moment", "satisfied_from"
        )
    }
    satisfaction = defaultdict(lambda: [0, 0])
    surveyed = defaultdict(int)
    rows = (
        QuestionnaireAnswer.objects.filter(
            page_id__in=questionnaires, site__in=site_ids
        )
        .values_list("site_id", "page_id", "role", "satisfaction")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for site_id, page_id, role, value, count in rows:
        questionnaire = questionnaires[page_id]
        year = questionnaire["academic_year"]
        if questionnaire["moment"] == Moment.START:
            if role == Role.MENTEE:
                surveyed[(site_id, year)] += count
            continue
        if value is None:
            continue
        tally = satisfaction[(site_id, year, role)]
        tally[1] += count
        if value >= questionnaire["satisfied_from"]:
            tally[0] += count
    return satisfaction, surveyed


def _trained_mentors(site_ids, years):
    # A course has a calendar year only; it counts for the academic year
    # ending in it (a course in June 2023 → 2022/2023), as the seed reports it.
    by_end_year = {start_year(year) + 1: year for year in years}
    trained = defaultdict(set)
    for site_id, mentor_id, year in (
        MentorCourse.objects.filter(
            mentor__person__site__in=site_ids, year__in=by_end_year
        )
        .values_list("mentor__person__site_id", "mentor_id", "year")
        .distinct()
    ):
        trained[(site_id, by_end_year[year])].add(mentor_id)
    return trained


def compute_indicators(site, years):
    """``{academic year: YearIndicators}`` for the site, in the order given."""
    return compute_indicators_of_sites([site], years)[site.pk]


def compute_indicators_of_sites(sites, years):
    """``{site id: {academic year: YearIndicators}}``: the same six queries
    for one school or fifty."""
    years = list(years)
    site_ids = [site.pk for site in sites]
    totals = {
        (year.site_id, year.academic_year): year
        for year in MonitoringYear.objects.filter(
            site__in=site_ids, academic_year__in=years
        )
    }
    people = participants_of_sites(sites, years)
    satisfaction, surveyed = _answers(site_ids, years)
    trained = _trained_mentors(site_ids, years)
    return {
        site_id: _site_indicators(
            site_id, years, totals, people[site_id], satisfaction, surveyed, trained
        )
        for site_id in site_ids
    }


def _site_indicators(site_id, years, totals, people, satisfaction, surveyed, trained):
    mentees, mentors = people
    result = {}
    for year in years:
        record = totals.get((site_id, year))
        bases = bases_of_year(year, mentees[year], mentors[year])
        denominators = {
            MENTEES_10_19: record and record.students_10_19,
            MENTORS_15_19: record and record.students_15_19,
            TEACHERS_WITH_MENTOR: record and record.young_new_teachers,
        }
        indicators = {}
        for code in INDICATOR_LABELS:
            if code in bases:
                numerator, denominator = bases[code], denominators[code] or None
            else:
                role = Role.MENTEE if code == MENTEE_SATISFACTION else Role.MENTOR
                numerator, denominator = satisfaction.get((site_id, year, role), (0, 0))
                denominator = denominator or None
            indicators[code] = Indicator(
                code,
                numerator if denominator else None,
                denominator,
                target=getattr(record, TARGET_FIELDS[code], None) if record else None,
            )
        result[year] = YearIndicators(
            academic_year=year,
            indicators=indicators,
            counts={
                MENTEES_TOTAL: len({person for person, *_ in mentees[year]}),
                MENTORS_TOTAL: len({person for person, *_ in mentors[year]}),
                MENTORS_TRAINED: len(trained[(site_id, year)]),
                MENTEES_SURVEYED: surveyed[(site_id, year)],
            },
            totals=record,
        )
    return result


def years_to_show(site, count=3, up_to=None):
    """The latest ``count`` years the curator opened, oldest first."""
    queryset = MonitoringYear.objects.filter(site=site)
    if up_to:
        queryset = queryset.filter(academic_year__lte=up_to)
    years = list(
        queryset.order_by("-academic_year").values_list("academic_year", flat=True)[
            :count
        ]
    )
    return sorted(years)

"""The mentees and mentors who took part in a school's year, by kind and age.

The indicators count them; the curator's totals may not be smaller than them.
Reads the participants' records only: no monitoring model.
"""

from collections import defaultdict

from mentoring_wagtail.participants.choices import GroupStatus, PersonKind
from mentoring_wagtail.participants.models import GroupMembership, MentoringGroup

from .choices import MENTEES_10_19, MENTORS_15_19, TEACHERS_WITH_MENTOR
from .years import start_year

# Groups that took part in the year (a forming group has not started yet).
COUNTED_STATUSES = (GroupStatus.ACTIVE, GroupStatus.FINISHED)
MENTEE_AGES = (10, 19)
MENTOR_AGES = (15, 19)


def _age_in(birth_year, year, ages):
    return (
        birth_year is not None and ages[0] <= start_year(year) - birth_year <= ages[1]
    )


def participants_of_years(site, years):
    """Distinct mentees and mentors per year: (person id, kind, birth year)."""
    mentees = defaultdict(set)
    for row in (
        GroupMembership.objects.filter(
            group__site=site,
            group__academic_year__in=years,
            group__status__in=COUNTED_STATUSES,
        )
        .values_list(
            "group__academic_year",
            "mentee__person_id",
            "mentee__person__kind",
            "mentee__person__birth_year",
        )
        .distinct()
    ):
        mentees[row[0]].add(row[1:])
    mentors = defaultdict(set)
    for row in (
        MentoringGroup.objects.filter(
            site=site, academic_year__in=years, status__in=COUNTED_STATUSES
        )
        .values_list(
            "academic_year",
            "mentor__person_id",
            "mentor__person__kind",
            "mentor__person__birth_year",
        )
        .distinct()
    ):
        mentors[row[0]].add(row[1:])
    return mentees, mentors


def counted_participants(site, academic_year):
    """The counts the curator's totals may not be smaller than."""
    mentees, mentors = participants_of_years(site, [academic_year])
    return bases_of_year(academic_year, mentees[academic_year], mentors[academic_year])


def bases_of_year(year, mentees, mentors):
    return {
        MENTEES_10_19: sum(
            1
            for _, kind, born in mentees
            if kind == PersonKind.STUDENT and _age_in(born, year, MENTEE_AGES)
        ),
        MENTORS_15_19: sum(
            1
            for _, kind, born in mentors
            if kind == PersonKind.STUDENT and _age_in(born, year, MENTOR_AGES)
        ),
        TEACHERS_WITH_MENTOR: sum(
            1 for _, kind, _born in mentees if kind == PersonKind.TEACHER
        ),
    }

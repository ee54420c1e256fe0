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
    by_site = participants_of_sites([site], years)
    return by_site[site.pk]


def participants_of_sites(sites, years):
    """``{site id: (mentees, mentors)}`` as ``participants_of_years`` gives
    them for one site: two queries whatever the number of sites."""
    site_ids = [site.pk for site in sites]
    result = {pk: (defaultdict(set), defaultdict(set)) for pk in site_ids}
    for site_id, year, *person in (
        GroupMembership.objects.filter(
            group__site__in=site_ids,
            group__academic_year__in=years,
            group__status__in=COUNTED_STATUSES,
        )
        .values_list(
            "group__site_id",
            "group__academic_year",
            "mentee__person_id",
            "mentee__person__kind",
            "mentee__person__birth_year",
        )
        .distinct()
    ):
        result[site_id][0][year].add(tuple(person))
    for site_id, year, *person in (
        MentoringGroup.objects.filter(
            site__in=site_ids, academic_year__in=years, status__in=COUNTED_STATUSES
        )
        .values_list(
            "site_id",
            "academic_year",
            "mentor__person_id",
            "mentor__person__kind",
            "mentor__person__birth_year",
        )
        .distinct()
    ):
        result[site_id][1][year].add(tuple(person))
    return result


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

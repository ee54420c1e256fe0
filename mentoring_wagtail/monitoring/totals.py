"""The curator's totals may not be smaller than the participants counted."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import MENTEES_10_19, MENTORS_15_19, TEACHERS_WITH_MENTOR
from .counted_people import counted_participants


def totals_errors(year):
    if not year.site_id or not year.academic_year:
        return
    try:
        counted = counted_participants(year.site, year.academic_year)
    except (ValueError, TypeError):
        return  # the year itself is invalid; its validator says so
    checks = (
        (
            "students_10_19",
            MENTEES_10_19,
            _(
                "There are %(count)s mentees aged 10–19 in the year's groups: "
                "the total of students of that age cannot be %(total)s."
            ),
        ),
        (
            "students_15_19",
            MENTORS_15_19,
            _(
                "There are %(count)s mentors aged 15–19 in the year's groups: "
                "the total of students of that age cannot be %(total)s."
            ),
        ),
        (
            "young_new_teachers",
            TEACHERS_WITH_MENTOR,
            _(
                "%(count)s teachers are mentees in the year's groups: "
                "the total of young and new teachers cannot be %(total)s."
            ),
        ),
    )
    errors = {}
    for field, code, message in checks:
        total = getattr(year, field)
        if total is not None and total < counted[code]:
            errors[field] = message % {"count": counted[code], "total": total}
    if errors:
        raise ValidationError(errors)

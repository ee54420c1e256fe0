"""The whole school's totals may not be smaller than the age groups they hold."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PARTS = {
    "students_total": ("students_10_19", "students_15_19"),
    "teachers_total": ("young_new_teachers",),
}


def school_totals_errors(year):
    errors = {}
    for total_field, parts in PARTS.items():
        total = getattr(year, total_field)
        if total is None:
            continue
        for part in parts:
            value = getattr(year, part)
            if value is not None and value > total:
                errors[total_field] = _(
                    "The total of the school (%(total)s) cannot be smaller than "
                    "a part of it (%(part)s: %(value)s)."
                ) % {
                    "total": total,
                    "part": year._meta.get_field(part).verbose_name,
                    "value": value,
                }
                break
    if errors:
        raise ValidationError(errors)

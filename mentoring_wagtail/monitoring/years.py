"""Academic years written «2024/2025»."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

YEAR_RE = re.compile(r"^(\d{4})/(\d{4})$")


def validate_academic_year(value):
    match = YEAR_RE.match(value or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValidationError(
            _("Write the academic year as «2024/2025»: two consecutive years."),
            code="academic_year",
        )


def start_year(academic_year):
    """2024 for «2024/2025»; ages are counted on this calendar year."""
    return int(academic_year[:4])


def previous_years(academic_year, count):
    first = start_year(academic_year)
    return [f"{y}/{y + 1}" for y in range(first - count, first)]

"""What a value becomes in a spreadsheet cell, for both formats.

Text that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, the OWASP
advice against CSV injection; numbers stay numbers (a negative number is not
a formula).
"""

import datetime
import decimal

from django.db.models import Model
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import Promise

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
YES, NO = "да", "нет"


def escape_formula(text):
    if isinstance(text, str) and text.startswith(FORMULA_START):
        return "'" + text
    return text


def typed(value):
    """A cell value: None, int, float, Decimal, date, datetime (naive local) or str.

    Lists become «a, b»; booleans «да»/«нет»; model instances and lazy
    translations their text; text is formula-escaped.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, int | float | decimal.Decimal):
        return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, list | tuple | set):
        return escape_formula(", ".join(force_str(item) for item in value))
    if isinstance(value, Model | Promise):
        value = force_str(value)
    return escape_formula(force_str(value))

"""When mentors and mentees are free: slot codes and their Russian labels.

A slot code is ``<day>_<part>`` («tue_after_school»: вторник после уроков).
``FREE_TIME_CHOICES`` can serve as the choices of the mentors' and mentees'
free-time fields; a code that is not among them is shown as it is.
"""

from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

DAYS = (
    ("mon", pgettext_lazy("free time", "Monday")),
    ("tue", pgettext_lazy("free time", "Tuesday")),
    ("wed", pgettext_lazy("free time", "Wednesday")),
    ("thu", pgettext_lazy("free time", "Thursday")),
    ("fri", pgettext_lazy("free time", "Friday")),
    ("sat", pgettext_lazy("free time", "Saturday")),
)
PARTS = (
    ("after_school", pgettext_lazy("free time", "after school")),
    ("evening", pgettext_lazy("free time", "in the evening")),
)

FREE_TIME_CHOICES = tuple(
    (f"{day}_{part}", format_lazy("{} {}", day_label, part_label))
    for day, day_label in DAYS
    for part, part_label in PARTS
)
_LABELS = dict(FREE_TIME_CHOICES)
_ORDER = {code: index for index, (code, _label) in enumerate(FREE_TIME_CHOICES)}


def slot_labels(codes):
    """The labels of ``codes`` in the order of the week."""
    ordered = sorted(codes, key=lambda code: (_ORDER.get(code, len(_ORDER)), code))
    return [str(_LABELS.get(code, code)) for code in ordered]

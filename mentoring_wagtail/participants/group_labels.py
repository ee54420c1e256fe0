"""Group choices that tell two groups of one mentor apart (issue 25, item 6).

A group is named by its mentor, form and year; a mentor with two groups of
one form in one year gave two identical choices in the meeting form and on
the questionnaire's links page. Groups that share a name get their start
and the number of their current mentees, and, if still alike, their number:
«Иванова А. С., учитель – ученик, 2025/2026 (с 01.09.2025, наставляемых: 2)».
No member is named, so the label shows no pupil to a viewer who may not see
people.
"""

from collections import Counter

from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.translation import gettext


def _details(group, members, with_number):
    parts = []
    if group.start:
        parts.append(
            gettext("from %(date)s")
            % {"date": date_format(group.start, "SHORT_DATE_FORMAT")}
        )
    parts.append(gettext("mentees: %(count)s") % {"count": members})
    if with_number:
        parts.append(gettext("No. %(number)s") % {"number": group.pk})
    return ", ".join(parts)


def group_labels(groups):
    """``{pk: label}`` of ``groups`` (a queryset), each label unique among them."""
    rows = list(
        groups.order_by()
        .select_related("mentor__person", "form")
        .annotate(
            current_members=Count(
                "memberships",
                filter=Q(memberships__left_on__isnull=True),
                distinct=True,
            )
        )
    )
    plain = {group.pk: str(group) for group in rows}
    repeated = Counter(plain.values())
    labels = {}
    detailed = {}
    for group in rows:
        if repeated[plain[group.pk]] > 1:
            detailed[group.pk] = (
                f"{plain[group.pk]} ({_details(group, group.current_members, False)})"
            )
    still = Counter(detailed.values())
    for group in rows:
        label = detailed.get(group.pk, plain[group.pk])
        if still.get(label, 0) > 1:
            label = (
                f"{plain[group.pk]} ({_details(group, group.current_members, True)})"
            )
        labels[group.pk] = label
    return labels


class GroupChoiceLabels:
    """A choice field's ``label_from_instance``: labels made once, for all
    the field's choices, so that alike groups are told apart."""

    def __init__(self, queryset):
        self.queryset = queryset
        self._labels = None

    def __call__(self, group):
        if self._labels is None:
            self._labels = group_labels(self.queryset)
        return self._labels.get(group.pk) or str(group)

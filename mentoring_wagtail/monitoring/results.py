"""Results of one questionnaire: counts per role and group form, and the
distribution of every closed question (choices, scale, checkbox)."""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .choices import SATISFACTION
from .models import QuestionnaireAnswer

CLOSED_TYPES = (
    "dropdown",
    "radio",
    "checkboxes",
    "multiselect",
    "checkbox",
    SATISFACTION,
)


@dataclass
class Distribution:
    label: str
    counts: list  # [(value, count)]
    total: int


def answers_of(questionnaire):
    return QuestionnaireAnswer.objects.filter(page=questionnaire)


def questionnaire_results(questionnaire, answers=None, tokens=None):
    """``answers``/``tokens``: the querysets the viewer may read (default all)."""
    answers = answers_of(questionnaire) if answers is None else answers
    tokens = questionnaire.tokens.all() if tokens is None else tokens
    answers = list(answers.values_list("role", "form_data", "satisfaction"))
    fields = [
        f for f in questionnaire.get_form_fields() if f.field_type in CLOSED_TYPES
    ]
    distributions = []
    for field in fields:
        counter = Counter()
        for _role, data, _s in answers:
            value = data.get(field.clean_name)
            values = value if isinstance(value, list) else [value]
            for item in values:
                if item not in (None, ""):
                    counter[_display(item)] += 1
        if field.field_type == SATISFACTION:
            keys = [
                str(v)
                for v in range(questionnaire.scale_min, questionnaire.scale_max + 1)
            ]
        else:
            keys = sorted(counter)
        distributions.append(
            Distribution(
                field.label, [(k, counter[k]) for k in keys], sum(counter.values())
            )
        )
    satisfied = sum(
        1 for *_x, s in answers if s is not None and s >= questionnaire.satisfied_from
    )
    rated = sum(1 for *_x, s in answers if s is not None)
    by_role = Counter(role for role, *_x in answers)
    return {
        "total": len(answers),
        "issued": tokens.count(),
        "by_role": sorted(by_role.items()),
        "distributions": distributions,
        "satisfied": satisfied,
        "rated": rated,
    }


def _display(value):
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return str(value)


def results_sheets(questionnaire, results, answers=None):
    summary = [
        [_("Answers"), results["total"]],
        [_("Links issued"), results["issued"]],
        [_("Satisfied"), results["satisfied"]],
        [_("Rated satisfaction"), results["rated"]],
    ]
    sheets = [(_("Summary"), summary)]
    distribution_rows = [[_("Question"), _("Answer"), _("Count")]]
    for distribution in results["distributions"]:
        for value, count in distribution.counts:
            distribution_rows.append([distribution.label, value, count])
    sheets.append((_("Distributions"), distribution_rows))
    fields = [(f.clean_name, f.label) for f in questionnaire.get_form_fields()]
    answer_rows = [
        [_("Submitted"), _("Role"), _("Group"), *[label for _n, label in fields]]
    ]
    answers = answers_of(questionnaire) if answers is None else answers
    for answer in answers.order_by("submit_time"):
        answer_rows.append(
            [
                answer.submit_time.strftime("%d.%m.%Y %H:%M"),
                answer.get_role_display(),
                answer.group_id,
                *[_cell(answer.form_data.get(name)) for name, _l in fields],
            ]
        )
    sheets.append((_("Answers"), answer_rows))
    return sheets


def _cell(value):
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return _display(value)
    return value

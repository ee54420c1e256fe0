"""Monitoring permissions of the programme's roles, added by a setup step."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

APP = "mentoring_monitoring"

ROLE_PERMISSIONS = {
    "curator": (
        f"{APP}.add_monitoringyear",
        f"{APP}.change_monitoringyear",
        f"{APP}.view_monitoringyear",
        f"{APP}.add_responsetoken",
        f"{APP}.view_responsetoken",
        f"{APP}.view_questionnaireanswer",
    ),
    "director": (f"{APP}.view_monitoringyear", f"{APP}.view_questionnaireanswer"),
    "methodologist": (f"{APP}.view_monitoringyear", f"{APP}.view_questionnaireanswer"),
    # Aggregates of every school only (``regional``): no year, link or answer.
    "regional_coordinator": (f"{APP}.view_regional_indicators",),
}


def ensure_monitoring_permissions():

    from mentoring_wagtail.access.site_roles import each_role_group
    from mentoring_wagtail.setup.steps import SetupResult, get_permission

    # Every group of the role: the plain one, or one per site.
    for key, group in each_role_group(ROLE_PERMISSIONS):
        labels = ROLE_PERMISSIONS[key]
        name = group.name
        have = set(group.permissions.values_list("pk", flat=True))
        missing = [p for p in map(get_permission, labels) if p.pk not in have]
        group.permissions.add(*missing)
        if missing:
            message = ngettext(
                "Group «%(name)s»: %(count)d monitoring permission added.",
                "Group «%(name)s»: %(count)d monitoring permissions added.",
                len(missing),
            )
        else:
            message = _("Group «%(name)s»: monitoring permissions found.")
        yield SetupResult(
            bool(missing), message % {"name": name, "count": len(missing)}
        )


def place_links_and_answers():
    """Give every link and answer its school; report those that cannot be."""
    from wagtail.models import Site

    from mentoring_wagtail.setup_result import SetupResult

    from .models import QuestionnaireAnswer, ResponseToken
    from .placement import place_rows

    tokens, answers = place_rows(Site, ResponseToken, QuestionnaireAnswer)
    if tokens:
        yield SetupResult(
            False,
            ngettext(
                "%(count)d questionnaire link has no school: its group is of "
                "another school than its questionnaire, or no site holds the "
                "questionnaire. No per-site role sees it; check it in the shell.",
                "%(count)d questionnaire links have no school: their group is of "
                "another school than their questionnaire, or no site holds the "
                "questionnaire. No per-site role sees them; check them in the shell.",
                tokens,
            )
            % {"count": tokens},
        )
    if answers:
        yield SetupResult(
            False,
            ngettext(
                "%(count)d questionnaire answer has no school: its group and "
                "its link disagree. It is left out of every school's results "
                "and indicators.",
                "%(count)d questionnaire answers have no school: their group and "
                "their link disagree. They are left out of every school's "
                "results and indicators.",
                answers,
            )
            % {"count": answers},
        )
    if not tokens and not answers:
        yield SetupResult(
            False, _("Every questionnaire link and answer belongs to a school.")
        )


def register_setup_step():
    from mentoring_wagtail.setup import steps as setup

    for step in (ensure_monitoring_permissions, place_links_and_answers):
        if step not in setup.SETUP_STEPS:
            setup.SETUP_STEPS.append(step)
    # Place old links and answers before the rows without a school are counted.
    report = getattr(setup, "report_unplaced_rows", None)
    if report in setup.SETUP_STEPS:
        setup.SETUP_STEPS.remove(place_links_and_answers)
        setup.SETUP_STEPS.insert(
            setup.SETUP_STEPS.index(report), place_links_and_answers
        )

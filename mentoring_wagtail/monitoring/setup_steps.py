"""What ``mentoring_setup`` does for monitoring: the roles' permissions, and
a school for the links and answers made before they carried one."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Site

from mentoring_wagtail.access.role_grants import grant_role_permissions
from mentoring_wagtail.setup import steps as setup
from mentoring_wagtail.setup_result import SetupResult

from .models import QuestionnaireAnswer, ResponseToken
from .placement import place_rows

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
    # Every group of the role: the plain one, or one per site.
    for _key, group, added in grant_role_permissions(ROLE_PERMISSIONS):
        if added:
            message = ngettext(
                "Group «%(name)s»: %(count)d monitoring permission added.",
                "Group «%(name)s»: %(count)d monitoring permissions added.",
                added,
            )
        else:
            message = _("Group «%(name)s»: monitoring permissions found.")
        yield SetupResult(bool(added), message % {"name": group.name, "count": added})


def place_links_and_answers():
    """Give every link and answer its school; report those that cannot be."""
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

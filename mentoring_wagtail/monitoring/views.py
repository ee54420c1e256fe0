"""Admin screens of monitoring: a year's indicators with export and report,
the single-use links of a questionnaire, its results.

Each view asks one model permission; the menu items ask the same ones.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from mentoring_wagtail.access.lookups import get_by_pk_or_404
from mentoring_wagtail.participants.models import MentoringGroup

from .export import XLSX_TYPE, indicator_rows, to_csv, to_xlsx
from .indicators import COUNT_LABELS, compute_indicators
from .models import MonitoringYear, QuestionnairePage, Role
from .report import file_report
from .results import questionnaire_results, results_sheets

APP = "mentoring_monitoring"
VIEW_YEAR = f"{APP}.view_monitoringyear"
CHANGE_YEAR = f"{APP}.change_monitoringyear"
ISSUE_LINKS = f"{APP}.add_responsetoken"
VIEW_ANSWERS = f"{APP}.view_questionnaireanswer"
ADD_DOCUMENT = "mentoring_wagtail.add_programmedocument"


def _require(request, *perms):
    if not all(request.user.has_perm(perm) for perm in perms):
        raise PermissionDenied


def indicators(request, pk):
    _require(request, VIEW_YEAR)
    year = get_by_pk_or_404(MonitoringYear.objects.select_related("site"), pk)
    years = [
        *(
            MonitoringYear.objects.filter(
                site=year.site, academic_year__lt=year.academic_year
            )
            .order_by("-academic_year")
            .values_list("academic_year", flat=True)[:2]
        )
    ][::-1] + [year.academic_year]
    by_year = compute_indicators(year.site, years)
    rows = []
    for code, indicator in by_year[year.academic_year].indicators.items():
        rows.append(
            {
                "indicator": indicator,
                "previous": [by_year[y].indicators[code] for y in years[:-1]],
            }
        )
    return TemplateResponse(
        request,
        "mentoring_wagtail/monitoring/admin/indicators.html",
        {
            "year": year,
            "years": years,
            "rows": rows,
            "counts": [
                (code, COUNT_LABELS[code], value)
                for code, value in by_year[year.academic_year].counts.items()
            ],
            "can_report": request.user.has_perm(CHANGE_YEAR)
            and request.user.has_perm(ADD_DOCUMENT),
        },
    )


def export(request, pk, fmt):
    _require(request, VIEW_YEAR)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    year = get_by_pk_or_404(MonitoringYear.objects.select_related("site"), pk)
    rows = list(
        indicator_rows(
            compute_indicators(year.site, [year.academic_year])[year.academic_year]
        )
    )
    name = f"pokazateli-{year.academic_year.replace('/', '-')}"
    if fmt == "csv":
        response = HttpResponse(to_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            to_xlsx([(f"Показатели {year.academic_year.replace('/', '-')}", rows)]),
            content_type=XLSX_TYPE,
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_POST
def report(request, pk):
    _require(request, CHANGE_YEAR, ADD_DOCUMENT)
    year = get_by_pk_or_404(MonitoringYear.objects.select_related("site"), pk)
    record = file_report(year.site, year.academic_year, user=request.user)
    messages.success(
        request,
        _(
            "The report has been created as a draft document. "
            "Check it and submit it for approval."
        ),
    )
    return redirect(
        reverse(
            "wagtailsnippets_mentoring_wagtail_programmedocument:edit", args=[record.pk]
        )
    )


def links(request, page_id):
    _require(request, ISSUE_LINKS)
    questionnaire = get_by_pk_or_404(QuestionnairePage, page_id)
    site = questionnaire.get_site()
    groups = (
        MentoringGroup.objects.filter(
            site=site, academic_year=questionnaire.academic_year
        )
        .exclude(status="dissolved")
        .select_related("mentor__person", "form")
    )
    context = {"questionnaire": questionnaire, "groups": groups}
    if request.method == "POST":
        from .tokens import issue_links

        chosen = groups.filter(pk__in=request.POST.getlist("groups"))
        if not chosen:
            context["error"] = _("Choose at least one group.")
        elif questionnaire.is_closed():
            context["error"] = _(
                "The questionnaire is closed: links to it would not work."
            )
        else:
            issued = issue_links(questionnaire, chosen)
            log(
                instance=questionnaire,
                action="mentoring_monitoring.issue_links",
                user=request.user,
                data={"count": len(issued)},
            )
            rows = [
                (
                    link.label,
                    str(link.group),
                    str(Role(link.role).label),
                    link.url(questionnaire, request),
                )
                for link in issued
            ]
            if request.POST.get("format") == "csv":
                header = [_("Participant"), _("Group"), _("Role"), _("Link")]
                response = HttpResponse(
                    to_csv([header, *rows]), content_type="text/csv; charset=utf-8"
                )
                response["Content-Disposition"] = 'attachment; filename="links.csv"'
                return response
            context["issued"] = rows
    return TemplateResponse(
        request, "mentoring_wagtail/monitoring/admin/links.html", context
    )


def results(request, page_id, fmt=None):
    _require(request, VIEW_ANSWERS)
    questionnaire = get_by_pk_or_404(QuestionnairePage, page_id)
    if fmt not in (None, "xlsx"):
        raise Http404
    data = questionnaire_results(questionnaire)
    if fmt == "xlsx":
        response = HttpResponse(
            to_xlsx(results_sheets(questionnaire, data)), content_type=XLSX_TYPE
        )
        response["Content-Disposition"] = (
            f'attachment; filename="anketa-{page_id}.xlsx"'
        )
        return response
    return TemplateResponse(
        request,
        "mentoring_wagtail/monitoring/admin/results.html",
        {"questionnaire": questionnaire, "results": data},
    )


def overview(request):
    if not any(
        request.user.has_perm(p) for p in (VIEW_YEAR, ISSUE_LINKS, VIEW_ANSWERS)
    ):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "mentoring_wagtail/monitoring/admin/overview.html",
        {
            "years": MonitoringYear.objects.select_related("site")
            if request.user.has_perm(VIEW_YEAR)
            else [],
            "questionnaires": QuestionnairePage.objects.order_by(
                "-academic_year", "title"
            ),
            "can_issue": request.user.has_perm(ISSUE_LINKS),
            "can_see_answers": request.user.has_perm(VIEW_ANSWERS),
        },
    )

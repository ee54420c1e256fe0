"""Admin screens of monitoring: a year's indicators with export and report,
the single-use links of a questionnaire, its results.

Each view asks one model permission and loads its year or questionnaire
through ``scope``, confined to the schools that permission covers for the
user; the menu items ask the same ones.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.permission_policies.pages import PagePermissionPolicy

from mentoring_wagtail.background.jobs import ran_here
from mentoring_wagtail.documents.editions import ProgrammeDocument
from mentoring_wagtail.participants.group_labels import group_labels
from mentoring_wagtail.participants.models import MentoringGroup
from mentoring_wagtail.section.models import MentoringIndexPage

from ..choices import COUNT_LABELS, Role
from ..export import XLSX_TYPE, indicator_rows, to_csv, to_xlsx
from ..indicators import compute_indicators, min_group_size
from ..models import MonitoringYear, QuestionnaireAnswer, ResponseToken
from ..regional import (
    chosen_year,
    region_sites,
    region_years,
    regional_table,
    table_sheet,
)
from ..report import DOCX_TYPE, latest_report_file
from ..report_job import start_year_report
from ..report_state import report_job_state, report_message, report_state
from ..results import questionnaire_results, results_sheets
from ..scope import (
    confine,
    questionnaire_for,
    questionnaires_for,
    refuses_other_schools,
    year_for,
)
from ..tokens import issue_links

APP = "mentoring_monitoring"
VIEW_YEAR = f"{APP}.view_monitoringyear"
CHANGE_YEAR = f"{APP}.change_monitoringyear"
ISSUE_LINKS = f"{APP}.add_responsetoken"
VIEW_ANSWERS = f"{APP}.view_questionnaireanswer"
ADD_DOCUMENT = "mentoring_wagtail.add_programmedocument"
VIEW_REGION = f"{APP}.view_regional_indicators"


@refuses_other_schools
def indicators(request, pk):
    year = year_for(request.user, pk, VIEW_YEAR)
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
    can_report = _may_report(request.user, year)
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
            "can_report": can_report,
            "report": report_state(year) if can_report else None,
            "report_job": report_job_state(year) if can_report else None,
        },
    )


def _may_report(user, year):
    if not user.has_perm(ADD_DOCUMENT):
        return False
    allowed = confine(MonitoringYear.objects.filter(pk=year.pk), user, CHANGE_YEAR)
    return user.has_perm(CHANGE_YEAR) and allowed.exists()


@refuses_other_schools
def export(request, pk, fmt):
    year = year_for(request.user, pk, VIEW_YEAR)
    if fmt not in ("csv", "xlsx"):
        raise Http404
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
@refuses_other_schools
def report(request, pk):
    """The year's report, filed once per year (``file_report``) by a
    background job: downloaded at once when the job ran in this request (the
    immediate backend), else the indicators page shows it when it is ready."""
    year = year_for(request.user, pk, CHANGE_YEAR)
    if not request.user.has_perm(ADD_DOCUMENT):
        raise PermissionDenied
    job = start_year_report(year, request.user)
    if not ran_here(job):
        messages.info(
            request,
            _(
                "The report for %(year)s is being made in the background; this "
                "page shows it when it is ready."
            )
            % {"year": year.academic_year},
        )
        return redirect("mentoring_monitoring_indicators", year.pk)
    record = ProgrammeDocument.objects.get(pk=job.result["record"])
    messages.success(request, report_message(job.result["done"], year.academic_year))
    document = latest_report_file(record)
    with document.open_file() as handle:
        content = handle.read()
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


@refuses_other_schools
def links(request, page_id):
    questionnaire = questionnaire_for(request.user, page_id, ISSUE_LINKS)
    site = questionnaire.get_site()
    groups = (
        MentoringGroup.objects.filter(
            site=site, academic_year=questionnaire.academic_year
        )
        .exclude(status="dissolved")
        .select_related("mentor__person", "form")
    )
    labels = group_labels(groups)
    context = {
        "questionnaire": questionnaire,
        "groups": [(group, labels[group.pk]) for group in groups],
    }
    if request.method == "POST":
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
                    labels.get(link.group.pk, str(link.group)),
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


@refuses_other_schools
def results(request, page_id, fmt=None):
    questionnaire = questionnaire_for(request.user, page_id, VIEW_ANSWERS)
    if fmt not in (None, "xlsx"):
        raise Http404
    # Answers and links of the viewer's schools only, even on their own
    # questionnaire (a row the migration could not place stays out).
    answers = confine(
        QuestionnaireAnswer.objects.filter(page=questionnaire),
        request.user,
        VIEW_ANSWERS,
    )
    tokens = confine(
        ResponseToken.objects.filter(questionnaire=questionnaire),
        request.user,
        VIEW_ANSWERS,
    )
    data = questionnaire_results(questionnaire, answers, tokens)
    if fmt == "xlsx":
        response = HttpResponse(
            to_xlsx(results_sheets(questionnaire, data, answers)),
            content_type=XLSX_TYPE,
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
    user = request.user
    school_perms = (VIEW_YEAR, ISSUE_LINKS, VIEW_ANSWERS)
    if not any(user.has_perm(p) for p in school_perms):
        if user.has_perm(VIEW_REGION):
            return redirect("mentoring_monitoring_region")
        raise PermissionDenied
    questionnaires = questionnaires_for(user, ISSUE_LINKS) | questionnaires_for(
        user, VIEW_ANSWERS
    )
    return TemplateResponse(
        request,
        "mentoring_wagtail/monitoring/admin/overview.html",
        {
            "years": confine(
                MonitoringYear.objects.select_related("site"), user, VIEW_YEAR
            )
            if user.has_perm(VIEW_YEAR)
            else [],
            "questionnaires": questionnaires.order_by("-academic_year", "title"),
            "issue_ids": set(
                questionnaires_for(user, ISSUE_LINKS).values_list("pk", flat=True)
            ),
            "answer_ids": set(
                questionnaires_for(user, VIEW_ANSWERS).values_list("pk", flat=True)
            ),
            "can_see_region": user.has_perm(VIEW_REGION),
            "questionnaire_sections": questionnaire_sections(user),
        },
    )


def questionnaire_sections(user):
    """The mentoring sections the user may add a questionnaire to: the
    listing offers «Добавить анкету» there (it said where, without a link)."""
    return (
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "add")
        .type(MentoringIndexPage)
        .specific()
        .order_by("path")
    )


def region(request, fmt=None):
    """Every school's aggregated indicators, for the regional coordinator."""
    if not request.user.has_perm(VIEW_REGION):
        raise PermissionDenied
    if fmt not in (None, "xlsx"):
        raise Http404
    sites = region_sites(request.user, VIEW_REGION)
    years = region_years(sites)
    year, error = chosen_year(request.GET.get("year", ""), years)
    rows = regional_table(sites, year) if year and sites else []
    if fmt == "xlsx":
        label = (year or "").replace("/", "-")
        response = HttpResponse(
            to_xlsx([(label or "-", table_sheet(sites, rows))]),
            content_type=XLSX_TYPE,
        )
        name = f"pokazateli-shkol-{label}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return TemplateResponse(
        request,
        "mentoring_wagtail/monitoring/admin/region.html",
        {
            "sites": sites,
            "years": years,
            "year": year,
            "error": error,
            "rows": rows,
            "threshold": min_group_size(),
        },
    )

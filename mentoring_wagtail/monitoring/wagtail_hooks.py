"""Registration only: the views live in ``views.py``."""

from django.contrib.admin.utils import unquote
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Site

from . import views
from .models import MonitoringYear
from .scope import confine, refuses_other_schools, year_for


def _year_permission(action):
    return f"{views.APP}.{action or 'view'}_monitoringyear"


class YearOfOwnSchoolMixin:
    """Every view of the years' viewset works on the user's schools only:
    the listing, the object it opens and the sites its form offers."""

    def setup(self, request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            action = getattr(self, "permission_required", None)
            year_for(request.user, unquote(str(pk)), _year_permission(action))
        super().setup(request, *args, **kwargs)

    def get_base_queryset(self):
        return confine(super().get_base_queryset(), self.request.user, views.VIEW_YEAR)

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if "site" in form.fields:
            action = getattr(self, "permission_required", None)
            form.fields["site"].queryset = confine(
                Site.objects.all(), self.request.user, _year_permission(action)
            )
        return form


class MonitoringYearViewSet(ModelViewSet):
    model = MonitoringYear
    icon = "date"
    menu_label = _("Monitoring years")
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = [
        "academic_year",
        "site",
        "students_10_19",
        "students_15_19",
        "young_new_teachers",
    ]
    form_fields = [
        "site",
        "academic_year",
        "students_10_19",
        "students_15_19",
        "young_new_teachers",
        "students_total",
        "teachers_total",
        "target_mentees_10_19",
        "target_mentors_15_19",
        "target_mentee_satisfaction",
        "target_mentor_satisfaction",
        "target_teachers_with_mentor",
        "regulatory_basis",
        "conclusions",
    ]

    def construct_view(self, view_class, **kwargs):
        confined = type(
            f"OwnSchool{view_class.__name__}", (YearOfOwnSchoolMixin, view_class), {}
        )
        return refuses_other_schools(super().construct_view(confined, **kwargs))


@hooks.register("register_admin_viewset")
def register_monitoring_years():
    return MonitoringYearViewSet("mentoring_monitoring_years")


@hooks.register("register_admin_urls")
def register_monitoring_urls():
    return [
        path(
            "mentoring-monitoring/",
            views.overview,
            name="mentoring_monitoring_overview",
        ),
        path(
            "mentoring-monitoring/year/<int:pk>/",
            views.indicators,
            name="mentoring_monitoring_indicators",
        ),
        path(
            "mentoring-monitoring/year/<int:pk>/export.<str:fmt>",
            views.export,
            name="mentoring_monitoring_export",
        ),
        path(
            "mentoring-monitoring/year/<int:pk>/report/",
            views.report,
            name="mentoring_monitoring_report",
        ),
        path(
            "mentoring-monitoring/questionnaire/<int:page_id>/links/",
            views.links,
            name="mentoring_monitoring_links",
        ),
        path(
            "mentoring-monitoring/questionnaire/<int:page_id>/results/",
            views.results,
            name="mentoring_monitoring_results",
        ),
        path(
            "mentoring-monitoring/questionnaire/<int:page_id>/results.<str:fmt>",
            views.results,
            name="mentoring_monitoring_results_export",
        ),
        path(
            "mentoring-monitoring/region/",
            views.region,
            name="mentoring_monitoring_region",
        ),
        path(
            "mentoring-monitoring/region.<str:fmt>",
            views.region,
            name="mentoring_monitoring_region_export",
        ),
    ]


class MonitoringMenuItem(MenuItem):
    def is_shown(self, request):
        return any(
            request.user.has_perm(p)
            for p in (
                views.VIEW_YEAR,
                views.ISSUE_LINKS,
                views.VIEW_ANSWERS,
                views.VIEW_REGION,
            )
        )


@hooks.register("register_admin_menu_item")
def register_monitoring_menu_item():
    return MonitoringMenuItem(
        _("Monitoring"),
        reverse("mentoring_monitoring_overview"),
        icon_name="table",
        order=640,
    )


@hooks.register("register_log_actions")
def register_monitoring_log_actions(actions):
    actions.register_action(
        "mentoring_monitoring.issue_links",
        _("Issue questionnaire links"),
        _("Single-use questionnaire links issued"),
    )


@hooks.register("filter_form_submissions_for_user")
def keep_questionnaires_out_of_wagtail_forms(user, editable_forms):
    # Answers are read through «Мониторинг → Результаты» (one permission,
    # formula-safe export); Wagtail's own form submissions screens would
    # export anonymous free text unescaped and let answers be deleted.
    from django.contrib.contenttypes.models import ContentType

    from .models import QuestionnairePage

    return editable_forms.exclude(
        content_type=ContentType.objects.get_for_model(QuestionnairePage)
    )

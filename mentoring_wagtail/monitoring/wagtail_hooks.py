"""Registration only: the admin views live in ``admin/``."""

from django.contrib.contenttypes.models import ContentType
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin import views
from .admin.menu import MonitoringMenuItem
from .admin.years_viewset import MonitoringYearViewSet
from .models import QuestionnairePage


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

    return editable_forms.exclude(
        content_type=ContentType.objects.get_for_model(QuestionnairePage)
    )

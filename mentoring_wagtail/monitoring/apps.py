from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "mentoring_wagtail.monitoring"
    label = "mentoring_monitoring"
    verbose_name = _("Programme monitoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # deferred: these modules import models, which load after this one.
        from mentoring_wagtail.approvals.routes import (
            PAGE_WORKFLOW,
            add_route_page_model,
        )

        from .setup_steps import register_setup_step

        register_setup_step()
        # Published by the curator along a route of the package (issue 25).
        for page_type in ("QuestionnairePage", "IndicatorsPage"):
            add_route_page_model(PAGE_WORKFLOW, f"mentoring_monitoring.{page_type}")

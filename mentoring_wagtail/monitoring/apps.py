from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "mentoring_wagtail.monitoring"
    label = "mentoring_monitoring"
    verbose_name = _("Programme monitoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .roles import register_setup_step

        register_setup_step()

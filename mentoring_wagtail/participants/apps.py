from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "mentoring_wagtail.participants"
    label = "mentoring_participants"
    verbose_name = _("Programme participants")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core.checks import register

        from .checks import scipy_installed_check
        from .permissions import register_policies
        from .roles import register_setup_step

        register_policies()
        register_setup_step()
        register(scipy_installed_check)

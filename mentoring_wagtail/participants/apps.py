from django.apps import AppConfig
from django.core.checks import register
from django.utils.translation import gettext_lazy as _

from .checks import scipy_installed_check


class ParticipantsConfig(AppConfig):
    name = "mentoring_wagtail.participants"
    label = "mentoring_participants"
    verbose_name = _("Programme participants")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # deferred: these modules import models, which load after this one.
        from .permissions import register_policies
        from .setup_steps import register_setup_step

        register_policies()
        register_setup_step()
        register(scipy_installed_check)

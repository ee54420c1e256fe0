from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringWagtailConfig(AppConfig):
    name = "mentoring_wagtail"
    label = "mentoring_wagtail"
    verbose_name = _("Mentoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .permissions import register_guarded_models
        from .workflows import connect_signals

        # Before any viewset asks Wagtail's policy registry for a fallback.
        register_guarded_models()
        connect_signals()

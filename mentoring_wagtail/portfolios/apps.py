from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfoliosConfig(AppConfig):
    name = "mentoring_wagtail.portfolios"
    label = "mentoring_portfolios"
    verbose_name = _("Mentor portfolios")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # deferred: these modules import models, which load after this one.
        from mentoring_wagtail.approvals.routes import (
            PAGE_WORKFLOW,
            PORTFOLIO_WORKFLOW,
            add_route_page_model,
        )

        from . import (  # noqa: F401  (checks registers the photos' system check)
            checks,
            consent_rules,
            photo_files,
            photos,
            public_cache_signals,
        )
        from .award_policy import register_award_policy
        from .setup_steps import register_setup_step

        add_route_page_model(
            PORTFOLIO_WORKFLOW, "mentoring_portfolios.MentorPortfolioPage"
        )
        for page_type in ("MentorIndexPage", "PracticeIndexPage", "PracticePage"):
            add_route_page_model(PAGE_WORKFLOW, f"mentoring_portfolios.{page_type}")
        consent_rules.connect_signals()
        photos.connect_signals()
        photo_files.connect_signals()
        public_cache_signals.connect_signals()
        register_setup_step()
        register_award_policy()

from django.apps import AppConfig, apps
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class MentoringWagtailConfig(AppConfig):
    name = "mentoring_wagtail"
    label = "mentoring_wagtail"
    verbose_name = _("Mentoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # deferred: AppConfig.ready, the models are loaded only now
        from . import checks  # noqa: F401  (registers the system checks)
        from .access.audit import connect_signals as connect_access_audit
        from .access.permissions import register_guarded_models
        from .access.school_links import install as link_choices_to_schools
        from .access.school_log import install as scope_the_audit_log
        from .approvals.notifications import send_in_background
        from .approvals.routes import connect_signals
        from .choice_ids import install as check_choice_ids
        from .documents.numbering import order_deleted
        from .documents.orders import Order
        from .public.cache_purge import connect_signals as connect_cache_purge
        from .public.version import connect_signals as connect_content_version
        from .roadmaps.evidence_suggestions import connect_signals as connect_evidence
        from .setup.section_rights import connect_signals as connect_sections
        from .signatures.receivers import connect_signals as connect_signatures

        # Before any edit handler builds a form class from base_form_class.
        check_choice_ids()
        link_choices_to_schools()
        # Before any viewset asks Wagtail's policy registry for a fallback.
        register_guarded_models()
        scope_the_audit_log()
        connect_signals()
        send_in_background()
        connect_evidence()
        if apps.is_installed("guardian"):
            connect_access_audit()
        post_delete.connect(
            order_deleted, sender=Order, dispatch_uid="mentoring-journal-free-number"
        )
        connect_sections()
        connect_cache_purge()
        connect_content_version()
        connect_signatures()
        self.use_the_roles_tab()

    def use_the_roles_tab(self):
        """The user form's «Роли» tab shows the roles, technical groups apart
        (``access.admin.user_roles``), through Wagtail's own setting, the
        users app's ``user_viewset``; a site that set its own keeps it."""
        try:
            users = apps.get_app_config("wagtailusers")
        except LookupError:
            return
        if users.user_viewset == "wagtail.users.views.users.UserViewSet":
            users.user_viewset = (
                "mentoring_wagtail.access.admin.user_roles.RolesUserViewSet"
            )

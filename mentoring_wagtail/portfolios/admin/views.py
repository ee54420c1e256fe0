"""Admin pieces: the mentor's panel, the awards listing, the chooser rule."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy

from mentoring_wagtail.access.admin.viewset_guard import GuardedViewSetMixin
from mentoring_wagtail.access.permissions import get_policy
from mentoring_wagtail.access.school_links import SameSchoolFormMixin
from mentoring_wagtail.access.site_scope import filter_to_sites
from mentoring_wagtail.admin_values import HumaneInspectMixin

from ...spreadsheets.listing_export import RussianSpreadsheetExportMixin
from ..models import Award, MentorPortfolioPage
from .consent_tasks import add_consent_tasks_panel, what_is_missing
from .own import mentor_for_user, my_portfolio_url, own_portfolio


class MyPortfolioMenuItem(MenuItem):
    def is_shown(self, request):
        return mentor_for_user(request.user) is not None


def my_portfolio_menu_item():
    return MyPortfolioMenuItem(
        _("My portfolio"),
        my_portfolio_url(),
        name="mentoring-my-portfolio",
        icon_name="user",
        order=250,
    )


class MyPortfolioPanel(Component):
    name = "mentoring_my_portfolio"
    order = 80
    template_name = "mentoring_portfolios/admin/my_portfolio_panel.html"

    def __init__(self, request, mentor):
        self.request = request
        self.mentor = mentor

    def get_context_data(self, parent_context=None):
        page = own_portfolio(self.request.user)
        return {
            "page": page,
            "workflow_state": page.current_workflow_state if page else None,
            "url": my_portfolio_url(),
            "missing": "" if page else what_is_missing(self.mentor),
        }


def add_my_portfolio_panel(request, panels):
    mentor = mentor_for_user(request.user)
    if mentor is not None:
        panels.append(MyPortfolioPanel(request, mentor))
    add_consent_tasks_panel(request, panels)


def hide_others_drafts(pages, request):
    """Page choosers list another mentor's unpublished portfolio to nobody
    who cannot edit it (its title is a person's name)."""
    user = request.user
    if user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["change", "publish"]
    )
    content_type = ContentType.objects.get_for_model(MentorPortfolioPage)
    return pages.exclude(
        Q(content_type=content_type, live=False) & ~Q(pk__in=editable.values("pk"))
    )


def refuse_move(request, page):
    if (
        isinstance(page, MentorPortfolioPage)
        and not page.permissions_for_user(request.user).can_move()
    ):
        raise PermissionDenied


class AwardIndexView(RussianSpreadsheetExportMixin, IndexView):
    """The listing, its export and search: the awards the policy lets the user
    view (their school's, for a per-site role)."""

    def get_base_queryset(self):
        allowed = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        )
        return (
            super()
            .get_base_queryset()
            .filter(pk__in=allowed.values("pk"))
            .select_related("mentor__person", "order")
        )


class AwardInspectView(HumaneInspectMixin, InspectView):
    pass


class AwardForm(SameSchoolFormMixin, WagtailAdminModelForm):
    """Mentors and orders of the schools where the user keeps awards."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        user = self.for_user
        if user is None:
            return
        sites = get_policy(Award).role_sites(user, ["add", "change"])
        if sites is None:
            return
        # (An object grant keeps the award's own mentor and order choosable.)
        for name in ("mentor", "order"):
            if name in self.fields:
                field = self.fields[name]
                current = getattr(self.instance, f"{name}_id", None)
                field.queryset = filter_to_sites(field.queryset, sites) | (
                    field.queryset.filter(pk=current)
                )


class AwardViewSet(GuardedViewSetMixin, ModelViewSet):
    model = Award
    index_view_class = AwardIndexView
    inspect_view_class = AwardInspectView
    icon = "pick"
    menu_label = _("Mentors' awards")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["title", "mentor", "level", "year", "order"]
    list_filter = ["year", "level"]
    search_fields = ["title", "mentor__person__last_name"]
    form_fields = ["mentor", "title", "level", "year", "order", "scan"]
    copy_view_enabled = False
    inspect_view_enabled = True
    list_export = ["mentor", "title", "level", "year", "order"]

    form_base_class = AwardForm

    def get_form_class(self, for_update=False):
        # Wagtail's ModelViewSet ignores form_base_class without an edit handler.

        return modelform_factory(
            self.model,
            form=self.form_base_class,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.get_form_fields(),
        )

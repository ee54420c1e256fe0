"""The view behind «Сформировать приказ о закреплении наставнических пар»."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from mentoring_wagtail.access.permissions import get_policy as core_policy
from mentoring_wagtail.documents.orders import Order

from ..fixing_order import draft_fixing_order
from ..models import MentoringGroup
from ..permissions import can, get_policy
from ..prefetches import visible_people_prefetch

app_name = "mentoring_fixing_order"


def may_draft(user):
    return core_policy(Order).user_has_permission(user, "add") and can(
        user, "view", MentoringGroup
    )


def candidate_groups(user=None):
    """Open groups not yet fixed by an order (or whose order was revoked); for
    ``user``, of the schools where they may both see groups and draft orders."""
    groups = MentoringGroup.objects.all()
    if user is not None:
        seen = get_policy(MentoringGroup).instances_user_has_any_permission_for(
            user, ["view"]
        )
        groups = groups.filter(pk__in=seen.values("pk"))
        order_sites = core_policy(Order).role_sites(user, ["add"])
        if order_sites is not None:
            groups = groups.filter(site__in=order_sites)
    return (
        groups.open()
        .filter(fixing_order__isnull=True)
        .select_related("mentor__person", "form", "site")
        .prefetch_related(visible_people_prefetch("memberships", "visible_memberships"))
        .order_by("academic_year", "mentor__person__last_name", "pk")
    )


class FixingOrderView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "mentoring_wagtail/participants/fixing_order.html"
    page_title = gettext_lazy("Draft the order fixing the mentoring pairs")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not may_draft(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("groups", list(candidate_groups(self.request.user)))
        context.setdefault("date", timezone.localdate())
        return context

    def post(self, request):
        chosen = set(request.POST.getlist("groups"))
        groups = [g for g in candidate_groups(request.user) if str(g.pk) in chosen]
        try:
            date = datetime.date.fromisoformat(request.POST.get("date", ""))
        except ValueError:
            date = None
        errors = []
        if not groups:
            errors.append(_("Choose at least one group for the order."))
        if date is None:
            errors.append(_("Enter the date of the order."))
        if len({g.site_id for g in groups}) > 1:
            errors.append(_("One order covers the groups of one organisation."))
        if len({g.academic_year for g in groups}) > 1:
            errors.append(_("One order covers the groups of one academic year."))
        if errors:
            for error in errors:
                messages.error(request, error)
            return self.render_to_response(self.get_context_data(), status=200)
        order = draft_fixing_order(groups, request.user, groups[0].site, date=date)
        messages.success(
            request,
            _("The order is drafted with its appendix; send it for approval."),
        )
        return redirect(
            reverse("wagtailsnippets_mentoring_wagtail_order:edit", args=[order.pk])
        )


urlpatterns = [path("", FixingOrderView.as_view(), name="draft")]

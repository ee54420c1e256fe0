"""The familiarisation page of a document, its request form, the sheet and
«Ознакомлен(а)» (the rules: ``approvals.familiarisation``)."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ...access.delegation import role_groups
from ...section.site_settings import OrganisationSettings
from ..familiarisation import (
    get_guarded_object,
    is_in_force,
    object_breadcrumbs,
    user_can,
)
from ..familiarisation_sheet import build_familiarisation_sheet
from ..models import Acknowledgement, SignOff

app_name = "mentoring_familiarisation"


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class RequestForm(forms.Form):
    users = PersonChoiceField(
        label=gettext_lazy("people"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    groups = forms.ModelMultipleChoiceField(
        label=gettext_lazy("everyone in the groups"),
        queryset=role_groups().none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .order_by("last_name", "first_name", "username")
        )
        # The staff roles of the object's site, not Wagtail's default groups
        # nor per-page ones.
        self.fields["groups"].queryset = role_groups(obj)

    def get_users(self):
        users = set(self.cleaned_data["users"])
        for group in self.cleaned_data["groups"]:
            users.update(group.user_set.filter(is_active=True))
        return users


class FamiliarisationView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "mentoring_wagtail/approvals/familiarisation.html"
    header_icon = "tasks"

    def dispatch(self, request, app_label, model_name, pk):
        self.object = get_guarded_object(app_label, model_name, pk)
        if not user_can(request.user, ["view", "change"], self.object):
            raise PermissionDenied
        self.can_request = user_can(request.user, ["change"], self.object)
        return super().dispatch(request)

    def get_page_title(self):
        return _("Familiarisation")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return object_breadcrumbs(self.request.user, self.object, self.get_page_title())

    def get_context_data(self, **kwargs):
        rows = list(
            Acknowledgement.objects.for_object(self.object).select_related("user")
        )
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            done=[row for row in rows if row.acknowledged_at],
            pending=[row for row in rows if not row.acknowledged_at],
            can_request=self.can_request,
            sign_offs=SignOff.for_object(self.object).select_related("signed_by"),
            edit_url=AdminURLFinder(self.request.user).get_edit_url(self.object),
            sheet_url=self.request.path + "sheet.docx",
        )
        if self.can_request:
            context.setdefault("form", RequestForm(obj=self.object))
        return context

    def post(self, request):
        if not self.can_request:
            raise PermissionDenied
        form = RequestForm(request.POST, obj=self.object)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        added = Acknowledgement.require(
            self.object, form.get_users(), requested_by=request.user
        )
        messages.success(
            request,
            ngettext(
                "%(count)d person asked to acknowledge the document.",
                "%(count)d people asked to acknowledge the document.",
                added,
            )
            % {"count": added},
        )
        return redirect(request.path)


def familiarisation_sheet(request, app_label, model_name, pk):
    obj = get_guarded_object(app_label, model_name, pk)
    if not user_can(request.user, ["view", "change"], obj):
        raise PermissionDenied
    site = getattr(obj, "site", None)
    organisation = OrganisationSettings.for_site(site) if site else None
    rows = Acknowledgement.objects.for_object(obj).select_related("user")
    content = build_familiarisation_sheet(
        obj, rows, organisation.display_name if organisation else ""
    )
    response = HttpResponse(
        content,
        content_type=(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        ),
    )
    response["Content-Disposition"] = (
        f'attachment; filename="familiarisation-{model_name}-{obj.pk}.docx"'
    )
    return response


@require_POST
def acknowledge(request, pk):
    row = get_object_or_404(Acknowledgement, pk=pk, user=request.user)
    obj = row.content_object
    if obj is None or not is_in_force(obj):
        messages.error(request, _("This document is not in force yet."))
    elif row.acknowledged_at:
        messages.info(request, _("You have already acknowledged this document."))
    else:
        row.acknowledge()
        messages.success(
            request, _("Acknowledged: %(document)s.") % {"document": str(obj)}
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = reverse("wagtailadmin_home")
    return redirect(next_url)


urlpatterns = [
    path("acknowledge/<int:pk>/", acknowledge, name="acknowledge"),
    path(
        "<str:app_label>/<str:model_name>/<str:pk>/",
        FamiliarisationView.as_view(),
        name="object",
    ),
    path(
        "<str:app_label>/<str:model_name>/<str:pk>/sheet.docx",
        familiarisation_sheet,
        name="sheet",
    ),
]

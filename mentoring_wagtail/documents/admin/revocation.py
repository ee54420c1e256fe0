"""The admin's answer to deleting an official record: revoke it instead.

The form and view of «Отменить / утратил силу» and the ``before_delete_snippet``
refusal that sends the editor there (:mod:`..revocation` keeps the rule).
"""

import datetime

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.models import ReferenceIndex

from ...access.admin.guarded import InstancePermissionMixin
from ...access.lookups import get_by_pk_or_404
from ...conf import get_setting
from ..draft_citations import citing_drafts, citing_published
from ..official import STATUS_IN_FORCE, AbstractOfficialDocument
from ..orders import Order
from ..revocation import is_referenced, revoke


class RevocationForm(forms.Form):
    revoked_on = forms.DateField(
        label=_("no longer in force from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    revoked_by = forms.ModelChoiceField(
        label=_("by order"),
        queryset=Order.objects.none(),
        required=False,
        help_text=_("the order that revokes this record, if there is one"),
    )
    note = forms.CharField(label=_("note"), max_length=500, required=False)

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        # Only an order in force can cancel something: published, signed,
        # neither revoked nor expired itself.
        orders = (
            Order.objects.filter(site_id=instance.site_id, live=True)
            .exclude(number="")
            .with_status(STATUS_IN_FORCE)
        )
        if isinstance(instance, Order):
            orders = orders.exclude(pk=instance.pk)
        self.fields["revoked_by"].queryset = orders.order_by("-date", "-pk")

    def clean_revoked_on(self):
        value = self.cleaned_data["revoked_on"]
        margin = get_setting("ORDER_FUTURE_MARGIN_DAYS")
        if value > timezone.localdate() + datetime.timedelta(days=margin):
            raise forms.ValidationError(gettext("The date is too far in the future."))
        if self.instance.date and value < self.instance.date:
            raise forms.ValidationError(
                gettext("A record cannot be revoked before its own date.")
            )
        return value


class RevokeView(
    InstancePermissionMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView
):
    """«Отменить / утратил силу»: the admin's answer to deleting a record."""

    permission_required = "change"
    template_name = "mentoring_wagtail/documents/revoke.html"
    form_class = RevocationForm
    page_title = _("Revoke")
    header_icon = "warning"
    model = None
    edit_url_name = None
    index_url_name = None

    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_by_pk_or_404(self.model, pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def get_initial(self):
        return {
            "revoked_on": self.object.revoked_on or timezone.localdate(),
            "revoked_by": self.object.revoked_by_id,
            "note": self.object.revocation_note,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["edit_url"] = reverse(self.edit_url_name, args=[quote(self.object.pk)])
        context["references"] = ReferenceIndex.get_grouped_references_to(self.object)
        return context

    def form_valid(self, form):
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", self.object
        ):
            raise PermissionDenied
        revoke(
            self.object,
            revoked_on=form.cleaned_data["revoked_on"],
            revoked_by=form.cleaned_data["revoked_by"],
            note=form.cleaned_data["note"],
            user=self.request.user,
        )
        messages.success(
            self.request,
            gettext("«%(object)s» is marked «%(status)s» from %(date)s.")
            % {
                "object": self.object,
                "status": self.object.revoked_label,
                "date": date_format(form.cleaned_data["revoked_on"], "d.m.Y"),
            },
        )
        return redirect(self.edit_url_name, quote(self.object.pk))


def refuse_deleting_referenced(request, instances):
    """``before_delete_snippet``: refuse deleting official records in use.

    In use: cited by a saved record (the reference index), or by any revision
    of a page or snippet whose approval route is open (``draft_citations``).
    The refusal names the citing item.
    """
    for obj in instances:
        if not isinstance(obj, AbstractOfficialDocument):
            continue
        citing = citing_published(obj) if is_referenced(obj) else None
        if citing is not None:
            message = gettext(
                "«%(object)s» is referred to by «%(citing)s» and cannot be "
                "deleted. An official record is never deleted: revoke it instead "
                "(mark it «no longer in force» with the date and the cancelling "
                "order)."
            )
        else:
            drafts = citing_drafts(obj)
            citing = drafts[0] if drafts else None
            message = gettext(
                "«%(object)s» is cited by «%(citing)s», a draft in approval, and "
                "cannot be deleted. Remove it from the draft, or finish or cancel "
                "the approval first."
            )
        if citing is None:
            continue
        messages.error(request, message % {"object": obj, "citing": citing})
        viewset = obj.snippet_viewset
        if len(instances) == 1:
            return redirect(viewset.get_url_name("revoke"), quote(obj.pk))
        return redirect(viewset.get_url_name("list"))
    return None

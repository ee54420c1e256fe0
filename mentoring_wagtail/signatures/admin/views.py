"""The admin page of a record's signatures: history, and attaching a КЭП.

Who may see the page: whoever may view or change the record; who may attach a
qualified signature: whoever may change it (the secretary). The same check
decides what the page shows and what the server accepts.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ...approvals.familiarisation import get_guarded_object, user_can
from ..attaching import attach_qualified
from ..models import Signature
from ..qualified import MAX_SIGNATURE_SIZE

app_name = "mentoring_signatures"


def signatures_url(obj):
    meta = obj._meta
    return reverse(
        "mentoring_signatures:object", args=[meta.app_label, meta.model_name, obj.pk]
    )


class QualifiedSignatureForm(forms.Form):
    sig_file = forms.FileField(
        label=gettext_lazy("Detached signature (.sig, .p7s)"),
        help_text=gettext_lazy(
            "CMS signature of the signed scan made with a qualified certificate "
            "(GOST R 34.10-2012), DER or Base64"
        ),
    )

    def clean_sig_file(self):
        upload = self.cleaned_data["sig_file"]
        if upload.size > MAX_SIGNATURE_SIZE:
            raise ValidationError(_("The signature file is too large."))
        return upload


class SignaturesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "mentoring_wagtail/signatures/admin_signatures.html"
    header_icon = "key"

    def dispatch(self, request, app_label, model_name, pk):
        self.object = get_guarded_object(app_label, model_name, pk)
        if not hasattr(self.object, "primary_file"):
            raise PermissionDenied
        if not user_can(request.user, ["view", "change"], self.object):
            raise PermissionDenied
        self.can_attach = user_can(request.user, ["change"], self.object)
        self.current = Signature.objects.for_object(self.object).current().first()
        return super().dispatch(request)

    def get_page_title(self):
        return _("Electronic signatures")

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            signatures=Signature.objects.for_object(self.object)
            .select_related("document", "signer")
            .prefetch_related("qualified"),
            current=self.current,
            can_attach=self.can_attach and self.current is not None,
        )
        if context["can_attach"]:
            context.setdefault("form", QualifiedSignatureForm())
        return context

    def post(self, request):
        if not self.can_attach or self.current is None:
            raise PermissionDenied
        form = QualifiedSignatureForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attach_qualified(
                    self.current, form.cleaned_data["sig_file"].read(), request.user
                )
            except ValidationError as error:
                form.add_error("sig_file", error)
        if not form.is_valid():
            messages.error(request, _("The qualified signature was not attached."))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request, _("The qualified signature is verified and attached.")
        )
        return redirect(request.path)


urlpatterns = [
    path(
        "<str:app_label>/<str:model_name>/<str:pk>/",
        SignaturesView.as_view(),
        name="object",
    ),
]

"""Per-person export (JSON, Word) and erasure, for holders of ``export_person``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button

from mentoring_wagtail.access.site_scope import get_permitted_or_404, may

from ..models import Person
from ..privacy import erase_person, export_docx, export_json, log_export

app_name = "mentoring_participants_privacy"

FORMATS = {
    "json": ("application/json; charset=utf-8", "json", export_json),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        export_docx,
    ),
}


def may_export(user):
    return user.is_active and user.has_perm("mentoring_participants.export_person")


def _person(request, pk):
    """The person, if the user may export and erase *this* person's data
    (their school's, or every school's for a plain role)."""
    if not may_export(request.user):
        raise PermissionDenied
    return get_permitted_or_404(
        request.user, Person.objects.filter(erased_at__isnull=True), pk, ["export"]
    )


def export_person(request, pk, file_format):
    person = _person(request, pk)
    if file_format not in FORMATS:
        raise PermissionDenied
    content_type, extension, build = FORMATS[file_format]
    response = HttpResponse(build(person), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="person-{person.pk}.{extension}"'
    )
    response["Cache-Control"] = "no-store"
    log_export(person, request.user, file_format)
    return response


class EraseView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "mentoring_wagtail/participants/erase_confirm.html"
    page_title = gettext_lazy("Erase personal data")
    header_icon = "warning"

    def dispatch(self, request, pk):
        self.person = _person(request, pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.person.full_name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["cancel_url"] = reverse(
            "mentoring_people:inspect", args=[self.person.pk]
        )
        return context

    def post(self, request, pk):
        kept = erase_person(self.person, user=request.user)
        if kept:
            messages.success(
                request,
                _(
                    "The data is erased; the person stays, anonymised, in %(count)s "
                    "group(s) fixed by an order in force or led by them."
                )
                % {"count": len(kept)},
            )
        else:
            messages.success(request, _("The data is erased."))
        return redirect("mentoring_people:index")


urlpatterns = [
    path("<int:pk>/export/<str:file_format>/", export_person, name="export"),
    path("<int:pk>/erase/", EraseView.as_view(), name="erase"),
]


def person_buttons(user, person):
    """The inspect view's buttons for export and erasure (same check as the views)."""
    if not may_export(user) or person.erased_at or not may(user, ["export"], person):
        return []
    return [
        Button(
            _("Export data (JSON)"),
            url=reverse(f"{app_name}:export", args=[person.pk, "json"]),
            icon_name="download",
            priority=30,
        ),
        Button(
            _("Export data (Word)"),
            url=reverse(f"{app_name}:export", args=[person.pk, "docx"]),
            icon_name="download",
            priority=31,
        ),
        Button(
            _("Erase data"),
            url=reverse(f"{app_name}:erase", args=[person.pk]),
            icon_name="bin",
            priority=40,
        ),
    ]

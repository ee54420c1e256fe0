"""Admin views of roadmaps: import from .docx, download as .docx or JSON.

The import view and ``manage.py import_roadmap`` share ``read_roadmap`` and
``create_roadmap_page``; the downloads and ``export_roadmap`` share
``export.export_roadmap_bytes``.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.menus.pages import PageMenuItem

from ...access.lookups import get_by_pk_or_404
from ...conf import get_setting
from ...section.base_page import BasePage
from ...word.safety import DocxRefused
from ..export import export_roadmap_bytes, roadmap_page_model
from ..json_format import read_roadmap_file
from ..json_io import (
    create_roadmap_page,
)
from .import_job import import_job_url, import_job_view, start_import
from .import_preview import preview_response, preview_token, roadmap_from_token
from .report_view import RoadmapReportItem, report_view


def import_parents_for(user):
    """Pages under which ``user`` may create a roadmap page."""
    model = roadmap_page_model()
    parent_models = model.allowed_parent_page_models()
    return [
        page
        for page in BasePage.objects.type(*parent_models).specific().order_by("path")
        if page.permissions_for_user(user).can_add_subpage()
        and model.can_create_at(page)
    ]


class RoadmapImportForm(forms.Form):
    parent = forms.TypedChoiceField(label=_("create under"), coerce=int)
    file = forms.FileField(
        label=_("Word document (.docx) or JSON export"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.json"}),
    )

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.parents = {page.pk: page for page in parents}
        self.fields["parent"].choices = [
            (page.pk, page.get_admin_display_title()) for page in parents
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = get_setting("MAX_UPLOAD_SIZE")
        if upload.size > limit:
            raise forms.ValidationError(
                gettext("The file is larger than %(size)s MB.")
                % {"size": limit // (1024 * 1024)}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        # A large file is read by the worker (import_job), not in the request.
        cleaned["in_background"] = upload is not None and upload.size > get_setting(
            "ROADMAP_IMPORT_BACKGROUND_MIN_BYTES"
        )
        if upload is not None and not cleaned["in_background"]:
            try:
                cleaned["roadmap"] = read_roadmap_file(upload)
            except DocxRefused as exc:
                self.add_error("file", str(exc))
        return cleaned


class RoadmapConfirmForm(forms.Form):
    """The second step: the curator saw the preview and creates the draft."""

    parent = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    preview = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.parents = {page.pk: page for page in parents}
        self.fields["parent"].choices = [(page.pk, page.pk) for page in parents]

    def clean_preview(self):
        try:
            return roadmap_from_token(self.cleaned_data["preview"])
        except DocxRefused as exc:
            raise forms.ValidationError(str(exc)) from exc


def import_view(request):
    """Upload → preview of what was read → the draft, only on confirmation."""
    parents = import_parents_for(request.user)
    if not parents:
        raise PermissionDenied
    initial = {}
    if request.GET.get("parent", "").isdigit():
        initial["parent"] = int(request.GET["parent"])
    form = RoadmapImportForm(initial=initial, parents=parents)
    if request.method == "POST" and "preview" in request.POST:
        confirm = RoadmapConfirmForm(request.POST, parents=parents)
        if confirm.is_valid():
            roadmap = confirm.cleaned_data["preview"]
            parent = confirm.parents[confirm.cleaned_data["parent"]]
            page = create_roadmap_page(parent, roadmap, user=request.user)
            return TemplateResponse(
                request,
                "mentoring_wagtail/roadmaps/import_done.html",
                {
                    "page": page,
                    "roadmap": roadmap,
                    "header_title": gettext("Roadmap imported"),
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    # What the curator does next in a year: mark what was
                    # done (issue 25's clicks from Word to the signed page).
                    "report_url": reverse("mentoring_roadmap:report", args=[page.pk]),
                },
            )
        form = RoadmapImportForm(
            initial={"parent": request.POST.get("parent")}, parents=parents
        )
        form.preview_errors = [e for errors in confirm.errors.values() for e in errors]
    elif request.method == "POST":
        form = RoadmapImportForm(request.POST, request.FILES, parents=parents)
        if form.is_valid():
            parent = form.parents[form.cleaned_data["parent"]]
            upload = form.cleaned_data["file"]
            if form.cleaned_data["in_background"]:
                job = start_import(upload, parent, request.user)
                return redirect(import_job_url(job))
            roadmap = form.cleaned_data["roadmap"]
            return preview_response(
                request, roadmap, parent, preview_token(roadmap), upload.name
            )
    return TemplateResponse(
        request,
        "mentoring_wagtail/roadmaps/import.html",
        {"form": form, "header_title": gettext("Import a roadmap from .docx")},
    )


def import_job_page(request, pk):
    """A large import being read by the worker, then its preview."""
    parents = import_parents_for(request.user)
    if not parents:
        raise PermissionDenied
    return import_job_view(request, pk, parents)


def can_download(page, user):
    """Editors, and reviewers with «view» on the section (the methodologist)."""
    tester = page.permissions_for_user(user)
    return tester.can_edit() or "view" in getattr(tester, "permissions", ())


def _editable_roadmap(request, page_id):
    page = get_by_pk_or_404(BasePage, page_id).specific
    if not isinstance(page, roadmap_page_model()):
        raise PermissionDenied
    if not can_download(page, request.user):
        raise PermissionDenied
    # Export what the curator is working on: the latest revision.
    return page.get_latest_revision_as_object()


def download_view(request, page_id, file_format):
    page = _editable_roadmap(request, page_id)
    content, content_type, filename = export_roadmap_bytes(
        page, file_format=file_format, report=request.GET.get("variant") == "report"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


urlpatterns = [
    path("import/", import_view, name="import"),
    path("import/<int:pk>/", import_job_page, name="import_job"),
    path("<int:page_id>/report/", report_view, name="report"),
    path(
        "<int:page_id>/download/docx/",
        download_view,
        {"file_format": "docx"},
        name="docx",
    ),
    path(
        "<int:page_id>/download/json/",
        download_view,
        {"file_format": "json"},
        name="json",
    ),
]


class RoadmapDownloadItem(PageMenuItem):
    def __init__(self, label, file_format, variant="", **kwargs):
        super().__init__(label=label, **kwargs)
        self.file_format, self.variant = file_format, variant
        self.url = reverse(f"mentoring_roadmap:{file_format}", args=[self.page.pk])
        if variant:
            self.url += f"?variant={variant}"

    def is_shown(self, user):
        return can_download(self.page, user)


class RoadmapImportItem(PageMenuItem):
    label = _("Import a roadmap from .docx")
    icon_name = "upload"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.url = reverse("mentoring_roadmap:import") + f"?parent={self.page.pk}"

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_add_subpage()


def roadmap_page_buttons(page, user, **kwargs):
    """Buttons for the page header and the page listing's «More» menu."""
    model = roadmap_page_model()
    specific_class = page.specific_class
    if specific_class is not None and issubclass(specific_class, model):
        yield RoadmapReportItem(page=page, priority=79)
        yield RoadmapDownloadItem(
            _("Download .docx"), "docx", icon_name="download", page=page, priority=80
        )
        yield RoadmapDownloadItem(
            _("Download execution report .docx"),
            "docx",
            "report",
            icon_name="download",
            page=page,
            priority=81,
        )
        yield RoadmapDownloadItem(
            _("Download JSON"), "json", icon_name="download", page=page, priority=82
        )
    elif (
        specific_class is not None
        and specific_class in model.allowed_parent_page_models()
    ):
        yield RoadmapImportItem(page=page, priority=85)

"""Import the bases from Excel/CSV (preview, then save all or nothing) and export them.

The preview carries the table back to the browser in a signed field, so the
confirmation re-checks exactly what was previewed without keeping anything
on the server between the two requests.
"""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.models import Site

from mentoring_wagtail.background.jobs import runs_in_request

from ..audit import EXPORT_BASE, log_site_action
from ..bases.columns import BASES
from ..bases.export_job import start_export
from ..bases.exporting import SHEET_TITLES, base_queryset, export_csv, export_xlsx
from ..bases.importing import parse_rows, refuse_formulas, save_rows
from ..bases.reading import BaseFileError, read_table
from ..conf import get_setting
from ..models import Mentee, Mentor
from ..permissions import get_policy

app_name = "mentoring_bases"
MODELS = {"mentors": Mentor, "mentees": Mentee}
SALT = "mentoring_participants.import"
TOKEN_MAX_AGE = 3600
INDEX = {"mentors": "mentoring_mentors:index", "mentees": "mentoring_mentees:index"}


def export_sites(user, base):
    """The schools whose base the user may export: None for every school, a
    set of site ids for per-site roles (empty: none). A role's right, never a
    mentor's own records."""
    return get_policy(MODELS[base]).role_sites(user, ["view"])


def may_import(user, base, site=None):
    """Into ``site`` (the admin's school), if the user's roles add there."""
    sites = get_policy(MODELS[base]).role_sites(user, ["add"])
    return sites is None or (bool(sites) and (site is None or site.pk in sites))


def may_export(user, base):
    return export_sites(user, base) != set()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Table (.xlsx or .csv)"),
        help_text=gettext_lazy("The first row names the columns, as in the export."),
    )


def _site(request):
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


class ImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "mentoring_wagtail/participants/import.html"
    form_class = ImportForm
    header_icon = "upload"

    def dispatch(self, request, base):
        if base not in MODELS:
            raise Http404
        self.base = base
        if not may_import(request.user, base, _site(request)):
            raise PermissionDenied
        return super().dispatch(request, base)

    def get_page_title(self):
        return MODELS[self.base]._meta.verbose_name_plural.capitalize()

    def get_page_subtitle(self):
        return _("Import from Excel")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["base"] = self.base
        context["headers"] = [column.header for column in BASES[self.base]]
        return context

    def post(self, request, base):
        if "token" in request.POST:
            return self.confirm(request)
        return super().post(request, base)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            table, formulas = read_table(upload, get_setting("IMPORT_MAX_ROWS"))
        except BaseFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        parsed = parse_rows(self.base, table, _site(self.request))
        refuse_formulas(parsed, formulas, table[0] if table else [])
        token = ""
        if parsed.valid:
            token = signing.dumps(
                {"base": self.base, "table": table}, salt=SALT, compress=True
            )
        return self.render_to_response(
            self.get_context_data(form=form, parsed=parsed, token=token)
        )

    def confirm(self, request):
        try:
            data = signing.loads(
                request.POST["token"], salt=SALT, max_age=TOKEN_MAX_AGE
            )
        except signing.BadSignature:
            messages.error(
                request, _("The preview has expired; upload the file again.")
            )
            return redirect(request.path)
        if data.get("base") != self.base:
            raise PermissionDenied
        site = _site(request)
        parsed = parse_rows(self.base, data["table"], site)
        if not parsed.valid:
            # The bases changed since the preview (someone added the same person).
            return self.render_to_response(
                self.get_context_data(form=self.get_form_class()(), parsed=parsed)
            )
        count = save_rows(parsed, request.user, site)
        messages.success(request, _("%(count)s records imported.") % {"count": count})
        return redirect(INDEX[self.base])


def export_view(request, base, file_format):
    if base not in MODELS or file_format not in ("xlsx", "csv"):
        raise Http404
    if not may_export(request.user, base):
        raise PermissionDenied
    sites = export_sites(request.user, base)
    if not runs_in_request() and (
        base_queryset(base, sites).count() > get_setting("BACKGROUND_EXPORT_MIN_ROWS")
    ):
        job = start_export(
            base,
            file_format,
            sites,
            request.user,
            _("Export of the base «%(base)s» (.%(format)s)")
            % {"base": SHEET_TITLES.get(base, base), "format": file_format},
        )
        return redirect("mentoring_base_exports:ready", job.pk)
    if file_format == "xlsx":
        data, count = export_xlsx(base, sites)
        content_type = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        data, count = export_csv(base, sites)
        content_type = "text/csv; charset=utf-8"
    log_site_action(
        _site(request),
        EXPORT_BASE,
        request.user,
        base=base,
        count=count,
        format=file_format,
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{base}.{file_format}"'
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("<str:base>/import/", ImportView.as_view(), name="import"),
    path("<str:base>/export/<str:file_format>/", export_view, name="export"),
]


def base_buttons(user, base):
    buttons = []
    if may_import(user, base):
        buttons.append(
            Button(
                _("Import from Excel"),
                url=reverse(f"{app_name}:import", args=[base]),
                icon_name="upload",
                priority=50,
            )
        )
    if may_export(user, base):
        for file_format in ("xlsx", "csv"):
            buttons.append(
                Button(
                    _("Export (.%(format)s)") % {"format": file_format},
                    url=reverse(f"{app_name}:export", args=[base, file_format]),
                    icon_name="download",
                    priority=60,
                )
            )
    return buttons

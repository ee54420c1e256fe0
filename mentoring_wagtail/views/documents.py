"""Admin of the official documents: one snippet viewset per type.

Listings filter by kind, year and status, search through Wagtail's search
backend and export to CSV/XLSX (with spreadsheet formulas neutralised). Orders
get «Сформировать .docx»; every type gets «Отменить / утратил силу».
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
)
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.models import Site
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import (
    MentoringProgramme,
    Order,
    OrderKind,
    ProgrammeDocument,
    ProgrammeDocumentKind,
    Regulation,
    numbering,
)
from ..models.official import STATUS_CHOICES
from .guarded import GuardedEditView, GuardedIndexView, GuardedSnippetViewSetMixin
from .revocation import RevokeView

# Spreadsheet programs run a cell starting with one of these as a formula
# (OWASP «CSV injection»); such values are exported with a leading apostrophe.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# Forms -------------------------------------------------------------------


class OfficialDocumentForm(WagtailAdminModelForm):
    """Hides the site when the installation has one; sets it by default."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "site" in self.fields:
            sites = list(Site.objects.order_by("-is_default_site", "pk"))
            if len(sites) == 1:
                # One organisation: nothing to choose, so no field to show.
                if not self.instance.site_id:
                    self.instance.site = sites[0]
                del self.fields["site"]
            elif not self.instance.site_id and sites:
                self.initial.setdefault("site", sites[0].pk)

    @property
    def publishing(self):
        return "action-publish" in self.data


class OrderForm(OfficialDocumentForm):
    register_now = forms.BooleanField(
        label=_("register now"),
        required=False,
        help_text=_("take the next number of the registration journal on saving"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "number" in self.fields and not self.instance.number:
            site_id = self.instance.site_id or self.initial.get("site")
            site = Site.objects.filter(pk=site_id).first() if site_id else None
            suggestion = (
                numbering.suggest_number(
                    site, self.instance.kind, self.instance.date or timezone.localdate()
                )
                if site
                else ""
            )
            help_text = gettext(
                "Leave empty to take the next number of the journal when the order "
                "is registered or published."
            )
            if suggestion:
                help_text += " " + gettext("Next number: %(number)s.") % {
                    "number": suggestion
                }
            self.fields["number"].help_text = help_text

    def _post_clean(self):
        # The instance holds the submitted values only from here on.
        super()._post_clean()
        if self.publishing:
            for field, message in self.instance.get_publish_errors().items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)

    def save(self, commit=True):
        order = self.instance
        typed_number = "number" in self.changed_data and order.number
        if not order.number and (
            self.cleaned_data.get("register_now") or self.publishing
        ):
            order.register()
        elif typed_number:
            numbering.note_manual_number(order)
        return super().save(commit=commit)


# Filters -----------------------------------------------------------------


def year_choices(model):
    def choices():
        years = (
            model.objects.order_by("-year").values_list("year", flat=True).distinct()
        )
        return [(year, str(year)) for year in years]

    return choices


class StatusFilter(django_filters.ChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", STATUS_CHOICES)
        kwargs.setdefault("label", _("status"))
        super().__init__(*args, method="filter_status", **kwargs)


def make_filterset(model, kind_choices=None):
    attrs = {
        "year": django_filters.ChoiceFilter(
            label=_("year"), choices=year_choices(model), field_name="year"
        ),
        "status": StatusFilter(),
        "filter_status": lambda self, queryset, name, value: queryset.with_status(
            value
        ),
        "Meta": type("Meta", (), {"model": model, "fields": []}),
    }
    if kind_choices:
        attrs["kind"] = django_filters.ChoiceFilter(
            label=_("kind"), choices=kind_choices, field_name="kind"
        )
    return type(f"{model.__name__}FilterSet", (WagtailFilterSet,), attrs)


# Views -------------------------------------------------------------------


class OfficialDocumentIndexView(GuardedIndexView):
    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # XLSX cells are written as strings already (Wagtail turns would-be
        # formulas back into text); a CSV cell is whatever the program reads.
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.extend(self.view_set_extra_buttons(instance))
        return buttons

    def view_set_extra_buttons(self, instance):
        viewset = instance.snippet_viewset
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            return []
        buttons = [
            MenuItem(
                _("Revoke"),
                url=reverse(viewset.get_url_name("revoke"), args=[quote(instance.pk)]),
                icon_name="warning",
                priority=40,
            )
        ]
        if isinstance(instance, Order):
            buttons.append(
                MenuItem(
                    _("Generate .docx"),
                    url=reverse(
                        viewset.get_url_name("docx"), args=[quote(instance.pk)]
                    ),
                    icon_name="download",
                    priority=15,
                )
            )
        return buttons


class OfficialDocumentEditView(GuardedEditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        viewset = self.object.snippet_viewset
        if self.user_has_permission_for_instance("change", self.object):
            buttons.append(
                Button(
                    _("Revoke"),
                    url=reverse(
                        viewset.get_url_name("revoke"), args=[quote(self.object.pk)]
                    ),
                    icon_name="warning",
                    priority=40,
                )
            )
            if isinstance(self.object, Order):
                buttons.append(
                    Button(
                        _("Generate .docx"),
                        url=reverse(
                            viewset.get_url_name("docx"), args=[quote(self.object.pk)]
                        ),
                        icon_name="download",
                        priority=15,
                    )
                )
        return buttons


# Viewsets ----------------------------------------------------------------

REGISTRATION_FIELDS = [
    FieldPanel("title"),
    FieldRowPanel([FieldPanel("number"), FieldPanel("date")]),
    FieldPanel("site"),
]


class OfficialDocumentViewSet(GuardedSnippetViewSetMixin, SnippetViewSet):
    index_view_class = OfficialDocumentIndexView
    edit_view_class = OfficialDocumentEditView
    revoke_view_class = RevokeView
    inspect_view_enabled = True
    copy_view_enabled = False
    base_form_class = OfficialDocumentForm
    list_per_page = 50
    export_filename = "documents"
    list_export = [
        "number",
        "date",
        "title",
        "status_label",
        "approval_text",
        "revocation_text",
        "summary",
    ]
    export_headings = {
        "number": _("number"),
        "date": _("date"),
        "title": _("title"),
        "status_label": _("status"),
        "approval_text": _("approval"),
        "revocation_text": _("revocation"),
        "summary": _("summary"),
        "get_kind_display": _("kind"),
        "signatory_line": _("signatory"),
        "edition": _("edition"),
    }
    list_display = [
        "title",
        "number",
        Column("date", label=_("date"), sort_key="date"),
        Column("status_label", label=_("status")),
    ]
    panels = []

    def get_edit_handler(self):
        return ObjectList(
            self.panels, base_form_class=self.base_form_class
        ).bind_to_model(self.model)

    @property
    def revoke_view(self):
        return self.revoke_view_class.as_view(
            model=self.model,
            permission_policy=self.permission_policy,
            edit_url_name=self.get_url_name("edit"),
            index_url_name=self.get_url_name("list"),
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("revoke/<str:pk>/", self.revoke_view, name="revoke"),
        ]


class OrderViewSet(OfficialDocumentViewSet):
    model = Order
    icon = "doc-full"
    menu_label = _("Orders")
    menu_order = 10
    base_form_class = OrderForm
    export_filename = "orders"
    filterset_class = make_filterset(Order, OrderKind.choices)
    list_display = OfficialDocumentViewSet.list_display[:3] + [
        Column("get_kind_display", label=_("kind")),
        Column("status_label", label=_("status")),
    ]
    list_export = [
        "number",
        "date",
        "title",
        "get_kind_display",
        "signatory_line",
        "status_label",
        "revocation_text",
        "summary",
    ]
    panels = [
        MultiFieldPanel(
            [*REGISTRATION_FIELDS, FieldPanel("register_now"), FieldPanel("kind")],
            heading=_("registration"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("signatory_title"), FieldPanel("signatory_name")]),
        MultiFieldPanel(
            [FieldPanel("draft_file"), FieldPanel("signed_scan")], heading=_("files")
        ),
        FieldPanel("valid_until"),
        PublishingPanel(),
    ]

    @property
    def docx_view(self):
        from .order_docx import OrderDocxView

        return OrderDocxView.as_view(
            model=self.model, permission_policy=self.permission_policy
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("docx/<str:pk>/", self.docx_view, name="docx"),
        ]


EDITION_PANELS = [
    MultiFieldPanel(
        [
            *REGISTRATION_FIELDS,
            FieldRowPanel([FieldPanel("edition"), FieldPanel("effective_date")]),
            FieldPanel("supersedes"),
            FieldPanel("approved_by_order"),
        ],
        heading=_("registration"),
    ),
    FieldPanel("summary"),
    FieldPanel("file"),
    PublishingPanel(),
]


class RegulationViewSet(OfficialDocumentViewSet):
    model = Regulation
    icon = "doc-full-inverse"
    menu_label = _("Regulations")
    menu_order = 20
    export_filename = "regulations"
    filterset_class = make_filterset(Regulation)
    list_export = OfficialDocumentViewSet.list_export[:3] + [
        "edition",
        *OfficialDocumentViewSet.list_export[3:],
    ]
    panels = EDITION_PANELS


class MentoringProgrammeViewSet(RegulationViewSet):
    model = MentoringProgramme
    icon = "list-ul"
    menu_label = _("Programmes")
    menu_order = 30
    export_filename = "programmes"
    filterset_class = make_filterset(MentoringProgramme)


class ProgrammeDocumentViewSet(OfficialDocumentViewSet):
    model = ProgrammeDocument
    icon = "doc-empty"
    menu_label = _("Programme documents")
    menu_order = 40
    export_filename = "programme-documents"
    filterset_class = make_filterset(ProgrammeDocument, ProgrammeDocumentKind.choices)
    list_display = OfficialDocumentViewSet.list_display[:3] + [
        Column("get_kind_display", label=_("kind")),
        Column("status_label", label=_("status")),
    ]
    list_export = OfficialDocumentViewSet.list_export[:3] + [
        "get_kind_display",
        *OfficialDocumentViewSet.list_export[3:],
    ]
    panels = [
        MultiFieldPanel(
            [*REGISTRATION_FIELDS, FieldPanel("kind"), FieldPanel("approved_by_order")],
            heading=_("registration"),
        ),
        FieldPanel("summary"),
        FieldPanel("file"),
        PublishingPanel(),
    ]


DOCUMENT_VIEWSETS = (
    OrderViewSet,
    RegulationViewSet,
    MentoringProgrammeViewSet,
    ProgrammeDocumentViewSet,
)

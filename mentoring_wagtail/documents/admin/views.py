"""Admin of the official documents: one snippet viewset per type.

Listings filter by kind, year and status, search through Wagtail's search
backend and export to CSV/XLSX through the package's spreadsheet writers
(``spreadsheets.listing_export``: BOM and «;», labels, typed cells). Orders
get «Сформировать .docx»; every type gets «Отменить / утратил силу».
"""

from django.contrib.admin.utils import quote
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
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
from wagtail.snippets.views.snippets import SnippetViewSet

from ...access.admin.guarded import (
    GuardedEditView,
    GuardedIndexView,
    GuardedSnippetViewSetMixin,
)
from ...approvals.admin.sign_off_panel import SignOffProblemsPanel
from ...approvals.admin.workflow_action import (
    ConfirmedWorkflowActionEditMixin,
    ConfirmedWorkflowActionView,
)
from ...spreadsheets.listing_export import RussianSpreadsheetExportMixin
from ..editions import (
    MentoringProgramme,
    ProgrammeDocument,
    ProgrammeDocumentKind,
    Regulation,
)
from ..lifecycle import (
    with_lifecycle,
)
from ..orders import Order, OrderKind
from .editing import (
    CreatedByAutosaveMessageMixin,
    ExplicitSaveMixin,
    OfficialDocumentCreateView,
)
from .inspect import OfficialDocumentInspectView
from .listing_filters import make_filterset
from .order_docx import OrderDocxView
from .record_forms import OfficialDocumentForm, OrderForm
from .revocation import RevokeView


class OfficialDocumentIndexView(RussianSpreadsheetExportMixin, GuardedIndexView):
    def get_base_queryset(self):
        # The status column reads the lifecycle from here: no query per row.
        return with_lifecycle(super().get_base_queryset())

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


class OfficialDocumentEditView(
    ConfirmedWorkflowActionEditMixin,
    CreatedByAutosaveMessageMixin,
    ExplicitSaveMixin,
    GuardedEditView,
):
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
    add_view_class = OfficialDocumentCreateView
    workflow_action_view_class = ConfirmedWorkflowActionView
    inspect_view_class = OfficialDocumentInspectView
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
        "lifecycle_label",
        "approval_text",
        "revocation_text",
        "summary",
    ]
    export_headings = {
        "number": _("number"),
        "date": _("date"),
        "title": _("title"),
        "lifecycle_label": _("status"),
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
        Column("lifecycle_label", label=_("status")),
    ]
    panels = []

    def get_edit_handler(self):
        return ObjectList(
            self.panels, base_form_class=self.base_form_class
        ).bind_to_model(self.model)

    @property
    def revoke_view(self):
        return self.construct_view(
            self.revoke_view_class,
            edit_url_name=self.get_url_name("edit"),
            index_url_name=self.get_url_name("list"),
        )

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return super().get_urlpatterns() + [
            path(f"revoke/<{conv}:pk>/", self.revoke_view, name="revoke"),
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
        Column("lifecycle_label", label=_("status")),
    ]
    list_export = [
        "number",
        "date",
        "title",
        "get_kind_display",
        "signatory_line",
        "lifecycle_label",
        "revocation_text",
        "summary",
    ]
    panels = [
        SignOffProblemsPanel(),
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
        return self.construct_view(OrderDocxView)

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return super().get_urlpatterns() + [
            path(f"docx/<{conv}:pk>/", self.docx_view, name="docx"),
        ]


EDITION_PANELS = [
    SignOffProblemsPanel(),
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
        Column("lifecycle_label", label=_("status")),
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

"""«Сформировать .docx»: the order filled into the Word template, to print and sign."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views import View
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ..importexport.order_writer import DOCX_CONTENT_TYPE, build_order_docx
from ..models import OrganisationSettings
from .guarded import InstancePermissionMixin


class OrderDocxView(InstancePermissionMixin, PermissionCheckedMixin, View):
    any_permission_required = ["change", "view"]
    model = None

    def get(self, request, pk):
        order = get_object_or_404(self.model, pk=pk)
        # The secretary prints what she last saved, draft included.
        latest = order.get_latest_revision_as_object()
        organisation = OrganisationSettings.for_site(latest.site)
        data = build_order_docx(latest, organisation)
        response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
        name = slugify(f"prikaz-{latest.number or 'proekt'}-{latest.date}") or "order"
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response

"""«Сформировать .docx»: the order filled into the Word template, to print and sign.

Apps that add parts the template does not know (the appendix of an order
fixing mentoring pairs) register a ``mentoring_complete_order_docx`` hook:
``fn(order, data)`` returns the completed bytes, or ``None`` to leave them.
"""

from django.http import HttpResponse
from django.utils.text import slugify
from django.views import View
from wagtail import hooks
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ...access.admin.guarded import InstancePermissionMixin
from ...access.lookups import get_by_pk_or_404
from ...section.site_settings import OrganisationSettings
from ..order_writer import DOCX_CONTENT_TYPE, build_order_docx


class OrderDocxView(InstancePermissionMixin, PermissionCheckedMixin, View):
    any_permission_required = ["change", "view"]
    model = None

    def get(self, request, pk):
        order = get_by_pk_or_404(self.model, pk)
        # The secretary prints what she last saved, draft included.
        latest = order.get_latest_revision_as_object()
        organisation = OrganisationSettings.for_site(latest.site)
        data = build_order_docx(latest, organisation)
        for complete in hooks.get_hooks("mentoring_complete_order_docx"):
            data = complete(latest, data) or data
        response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
        name = slugify(f"prikaz-{latest.number or 'proekt'}-{latest.date}") or "order"
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response

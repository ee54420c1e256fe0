"""Familiarisation (лист ознакомления): who must read a document, who has.

The people asked see the document on their dashboard and press
«Ознакомлен(а)»; the document's familiarisation page (``admin.familiarisation``)
lists who has and has not read it, with dates, and gives the sheet as .docx.
"""

from django.apps import apps
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder

from ..access.lookups import get_by_pk_or_404
from ..access.permissions import get_policy, is_guarded
from ..documents.registry_lookup import registry_url


def familiarisation_url(obj):
    meta = obj._meta
    return reverse(
        "mentoring_familiarisation:object",
        args=[meta.app_label, meta.model_name, obj.pk],
    )


def get_guarded_object(app_label, model_name, pk):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as exc:
        raise Http404 from exc
    if not is_guarded(model):
        raise Http404
    return get_by_pk_or_404(model, pk)


def user_can(user, actions, obj):
    return get_policy(type(obj)).user_has_any_permission_for_instance(
        user, actions, obj
    )


def object_breadcrumbs(user, obj, title):
    """Home › the object (to its editor) › this view."""
    return [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": AdminURLFinder(user).get_edit_url(obj) or "", "label": str(obj)},
        {"url": "", "label": title},
    ]


def public_url(obj):
    """Where the person reads the document: its public page or its scan."""
    for attr in ("get_public_url", "get_url"):
        method = getattr(obj, attr, None)
        if callable(method):
            try:
                url = method()
            except TypeError:
                continue
            if url:
                return url
    if getattr(obj, "registry_type", ""):
        url = registry_url(obj)
        if url:
            return url
    scan = getattr(obj, "signed_scan", None)
    return scan.url if scan is not None else ""


def is_in_force(obj):
    return getattr(obj, "live", True)

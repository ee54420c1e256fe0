"""Breadcrumbs of a screen about one object (its access, its familiarisation)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder


def object_breadcrumbs(user, obj, title):
    """Home › the object (to its editor) › this view."""
    return [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": AdminURLFinder(user).get_edit_url(obj) or "", "label": str(obj)},
        {"url": "", "label": title},
    ]

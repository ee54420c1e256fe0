"""«Доступ»'s rules: what a grant may name, where the screen is, who opens it.

The screens themselves are :mod:`.admin.sharing`.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from . import delegation

ACTION_LABELS = {
    "view": gettext_lazy("may view"),
    "change": gettext_lazy("may edit"),
    "delete": gettext_lazy("may delete"),
    "publish": gettext_lazy("may publish"),
}


def sharing_url(obj):
    if isinstance(obj, Page):
        return reverse("mentoring_sharing:page", args=[obj.pk])
    meta = obj._meta
    return reverse(
        "mentoring_sharing:object", args=[meta.app_label, meta.model_name, obj.pk]
    )


def user_can_share(user, obj):
    """Only who holds a right through their role shares it further."""
    return delegation.may_share(user, obj)

"""``{% signature_mark document registry_url %}``: the public signature mark."""

from django import template
from django.utils.formats import date_format

from ..signatures.marks import mark_of

register = template.Library()


@register.simple_tag
def signature_of(record):
    """``{% signature_of document as mark %}``: the signature shown, or None."""
    return mark_of(record)


@register.inclusion_tag("mentoring_wagtail/signatures/mark.html")
def signature_mark(record, registry_url=""):
    """The mark of a registry record read with ``signatures.marks.add_mark_columns``."""
    signature = mark_of(record)
    if signature is None:
        return {"signature": None}
    lapsed_on = getattr(record, "revoked_on", None)
    if lapsed_on is None and getattr(record, "is_superseded", False):
        lapsed_on = getattr(record, "superseded_on", None) or True
    return {
        "signature": signature,
        "certificate": getattr(signature, "qualified_certificate", None) or {},
        "verify_url": f"{registry_url}signature/{signature.key}/",
        "lapsed": bool(lapsed_on),
        "lapsed_on": date_format(lapsed_on, "d.m.Y")
        if lapsed_on not in (None, True)
        else "",
    }

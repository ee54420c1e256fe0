"""``{% signature_mark document registry_url %}``: the public signature mark."""

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.inclusion_tag("mentoring_wagtail/signatures/mark.html")
def signature_mark(record, registry_url=""):
    """The mark of ``record`` (set by ``signatures.marks.attach_signatures``)."""
    signature = getattr(record, "signature_mark", None)
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

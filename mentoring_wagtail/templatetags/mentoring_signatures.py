"""``{% signature_mark document registry_url %}``: the public signature mark."""

from django import template
from django.utils.formats import date_format

from ..signatures.marks import mark_of
from ..signatures.pages import lapsed_on, page_mark, verification_base_url

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


@register.inclusion_tag("mentoring_wagtail/signatures/mark.html", takes_context=True)
def page_signature_mark(context, page):
    """``{% page_signature_mark page %}``: the mark of a signed page (a roadmap).

    Shown while the page's live revision is the revision signed, never in a
    preview (a draft is not what was signed); its link leads to the
    verification page under the site's document registry.
    """
    request = context.get("request")
    signature = None if getattr(request, "is_preview", False) else page_mark(page)
    if signature is None:
        return {"signature": None}
    lapsed = lapsed_on(page)
    base_url = verification_base_url(page)
    return {
        "signature": signature,
        "certificate": {},
        "verify_url": f"{base_url}signature/{signature.key}/" if base_url else "",
        "lapsed": lapsed is not None,
        "lapsed_on": date_format(lapsed, "d.m.Y") if lapsed else "",
    }

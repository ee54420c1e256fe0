"""Template tags of public pages that link files."""

from django import template

from ..documents.serving import may_open_document

register = template.Library()


@register.simple_tag(takes_context=True)
def openable_file(context, document):
    """``document`` if the page's viewer may open it, else ``None``.

    Public pages answer for an anonymous visitor (what they show must not
    depend on who looked first); an editor's preview answers for the editor.
    """
    if document is None:
        return None
    request = context.get("request")
    if context.get("is_preview") and request is not None:
        allowed = may_open_document(request.user, document, request=request)
    else:
        allowed = may_open_document(None, document)
    return document if allowed else None

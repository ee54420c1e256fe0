"""``{% mentor_photo portfolio "portrait" alt=... %}``: a mentor's photo through
its portfolio's checked route, never a ``/media/`` URL (``photo_view.py``)."""

from django import template

from ..photo_view import photo_tag

register = template.Library()


@register.simple_tag(takes_context=True)
def mentor_photo(context, portfolio, size, alt=""):
    return photo_tag(portfolio, size, context.get("request"), alt=alt)

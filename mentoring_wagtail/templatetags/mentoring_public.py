"""What the public pages' frame needs to know: the stylesheets and the
«Версия для слабовидящих» switch."""

from django import template
from django.http import QueryDict

from ..conf import get_setting
from ..section import low_vision

register = template.Library()


@register.simple_tag(takes_context=True)
def mentoring_public_options(context):
    request = context.get("request")
    on = low_vision.is_on(request)
    switch_url = ""
    if low_vision.is_offered() and request is not None:
        query = QueryDict(mutable=True)
        query.update(request.GET)
        query[low_vision.PARAMETER] = "0" if on else "1"
        switch_url = request.path + "?" + query.urlencode()
    return {
        "include_css": get_setting("INCLUDE_CSS"),
        "low_vision": on,
        "switch_url": switch_url,
    }

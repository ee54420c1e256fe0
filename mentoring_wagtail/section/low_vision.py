"""The «Версия для слабовидящих» switch: a cookie, set by a plain link.

No JavaScript: the link adds ``?mentoring-low-vision=1`` (or ``0``) to the
page's address; Wagtail's ``before_serve_page`` hook stores the choice in a
cookie and redirects back to the page without the parameter, so the choice is
kept across every page of the section.
"""

from django.http import HttpResponseRedirect

from ..conf import get_setting

COOKIE = "mentoring_low_vision"
PARAMETER = "mentoring-low-vision"
ONE_YEAR = 365 * 24 * 3600


def is_offered():
    return not get_setting("OWN_ACCESSIBILITY_VERSION")


def is_on(request):
    return is_offered() and request is not None and request.COOKIES.get(COOKIE) == "1"


def switch_response(request):
    """The redirect that stores the visitor's choice, or None."""
    choice = request.GET.get(PARAMETER)
    if choice not in ("0", "1") or not is_offered():
        return None
    query = request.GET.copy()
    query.pop(PARAMETER)
    target = request.path + ("?" + query.urlencode() if query else "")
    response = HttpResponseRedirect(target)
    if choice == "1":
        response.set_cookie(COOKIE, "1", max_age=ONE_YEAR, samesite="Lax")
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response

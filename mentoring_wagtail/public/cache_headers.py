"""``Cache-Control`` on the section's public pages.

A published page that every anonymous visitor sees alike may be kept by a
browser or a front-end cache for ``MENTORING_WAGTAIL_PUBLIC_CACHE_MAX_AGE``
seconds; publishing, unpublishing or revoking purges it before that
(:mod:`.cache_purge`). Anything that differs by visitor — a signed-in user, a
page behind a password, login or group restriction, a response that sets a
cookie — is ``private, no-store``, so no shared cache ever holds it.
"""

from django.utils.cache import (
    add_never_cache_headers,
    patch_cache_control,
    patch_vary_headers,
)

from ..conf import get_setting
from ..section.low_vision import COOKIE as LOW_VISION_COOKIE
from ..section.models import MentoringPageMixin


def is_mentoring_page(page):
    return isinstance(page.specific_deferred, MentoringPageMixin)


def is_shared_response(page, request, response):
    """Whether ``response`` is the same for every anonymous visitor."""
    if response.status_code != 200 or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a form's token: the middleware is about to set a cookie
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return False
    if getattr(request, "is_preview", False) or not page.live:
        return False
    if request.COOKIES.get(LOW_VISION_COOKIE):
        return False  # the version for the visually impaired
    return not page.get_view_restrictions()


def apply_cache_headers(page, request, response):
    if getattr(response, "is_rendered", True) is False:
        # What the template asks for (a form's CSRF token) is known once rendered.
        response.add_post_render_callback(
            lambda rendered: _label(page, request, rendered)
        )
        return response
    return _label(page, request, response)


def _label(page, request, response):
    if response.has_header("Cache-Control"):
        return response  # the view decided for itself
    max_age = get_setting("PUBLIC_CACHE_MAX_AGE")
    if max_age and is_shared_response(page, request, response):
        patch_cache_control(response, public=True, max_age=max_age)
        # A shared cache must not answer a low-vision visitor with this copy.
        patch_vary_headers(response, ["Cookie"])
    else:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_store=True)
    return response


def cache_headers_on_serve(next_serve_page):
    """``on_serve_page`` hook: label the section's pages once they are served."""

    def serve(page, request, args, kwargs):
        response = next_serve_page(page, request, args, kwargs)
        if is_mentoring_page(page):
            response = apply_cache_headers(page, request, response)
        return response

    return serve

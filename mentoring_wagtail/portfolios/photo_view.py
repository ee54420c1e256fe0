"""A mentor's photo, served by the portfolio page itself, on the portfolio's rule.

``<portfolio URL>photo/<image id>/<size>/`` is a route of the page
(``MentorPortfolioPage.photo``): Wagtail routes only to a live page and checks
its view restrictions, the page refuses a mentor who may not be public
(approved, not erased, consent to publication valid), and this view serves
only the photo of the page's published version (the approved one), in one of
the sizes the templates use. Withdrawn consent or erasure unpublishes the
portfolio, so the next request for any size answers 404. The file is streamed
from the storage API, marked for no shared cache to keep.

In a preview the editor sees the draft's photo through Wagtail's admin image
preview (signed-in staff only), never through a public URL.
"""

import mimetypes

from django.http import FileResponse, Http404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.html import format_html

# The templates' sizes; any other spec in the URL is refused (no rendition
# is ever made on a visitor's request).
SIZES = {"portrait": "fill-320x400-c100", "card": "fill-160x200-c100"}


def serve_photo(page, request, image_id, size):
    spec = SIZES.get(size)
    if spec is None or not page.photo_id or page.photo_id != image_id:
        raise Http404
    if not page.live or not page.may_be_public:
        raise Http404
    rendition = page.photo.get_rendition(spec)
    content_type = mimetypes.guess_type(rendition.file.name)[0]
    response = FileResponse(
        rendition.file.storage.open(rendition.file.name, "rb"),
        content_type=content_type or "application/octet-stream",
    )
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def photo_url(page, size, request=None):
    """The URL of ``page``'s photo in ``size`` (the route above), or ``""``."""
    if not page.photo_id or size not in SIZES:
        return ""
    if request is not None and getattr(request, "is_preview", False):
        from django.urls import reverse

        return reverse("wagtailimages:preview", args=(page.photo_id, SIZES[size]))
    base = page.get_url(request=request)
    if not base:
        return ""
    return f"{base.rstrip('/')}/photo/{page.photo_id}/{size}/"


def photo_tag(page, size, request=None, alt=""):
    """An ``<img>`` of the photo, sized like its rendition, or ``""``."""
    url = photo_url(page, size, request)
    if not url:
        return ""
    rendition = page.photo.get_rendition(SIZES[size])
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}">',
        url,
        rendition.width,
        rendition.height,
        alt,
    )

"""Image files of the media storage, as a site may hand them out, people's photos never.

A person's photo (a mentor's portrait) is public only through its page's own
checked view (the portfolio: approved, consent valid, page live). Its files
carry a name that says so: the original and every rendition start with
``PEOPLE_PHOTO_PREFIX`` (the portfolios app gives the name on upload and when
a photo is chosen for a portfolio). A web server refuses that prefix under
``MEDIA_URL`` (docs/security.md); ``serve_image_rendition`` below, for a site
in DEBUG, serves other renditions by their exact name and never these.
"""

import posixpath

from django.http import FileResponse, Http404

PEOPLE_PHOTO_PREFIX = "mentor-photo-"
RENDITIONS_FOLDER = "images"


def is_people_photo_file(name):
    """Whether a stored file name is a person's photo or one of its renditions."""
    return posixpath.basename(name or "").startswith(PEOPLE_PHOTO_PREFIX)


def serve_image_rendition(request, path):
    """A rendition by its exact stored name (DEBUG): no folder is served.

    The path is looked up as the name of a rendition row, so ``..``, encoded
    slashes and prefix tricks match nothing; originals and documents are never
    reached; people's photos are refused, whatever their state.
    """
    from wagtail.images import get_image_model

    name = f"{RENDITIONS_FOLDER}/{path}"
    if is_people_photo_file(name):
        raise Http404
    rendition_model = get_image_model().get_rendition_model()
    rendition = rendition_model.objects.filter(file=name).first()
    if rendition is None:
        raise Http404
    return FileResponse(rendition.file.open("rb"))

"""The demo's images in DEBUG, through a view that serves renditions only.

No part of MEDIA_ROOT is handed to ``django.views.static.serve``: the path is
looked up as the exact file name of one of Wagtail's image renditions, so
``..``, encoded slashes and prefix tricks match no row, and originals and
documents are never reached here (documents go through Wagtail's serve view).
"""

from django.http import FileResponse, Http404
from wagtail.images import get_image_model


def serve_rendition(request, path):
    rendition_model = get_image_model().get_rendition_model()
    rendition = rendition_model.objects.filter(file=f"images/{path}").first()
    if rendition is None:
        raise Http404
    return FileResponse(rendition.file.open("rb"))

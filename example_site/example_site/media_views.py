"""The demo's images in DEBUG: renditions by their exact name, people's photos never.

The view is the package's (``mentoring_wagtail.public.media_files``): no part
of MEDIA_ROOT is handed to ``django.views.static.serve``, originals and
documents are never reached, and a mentor's photo goes only through its
portfolio's checked view.
"""

from mentoring_wagtail.public.media_files import serve_image_rendition

serve_rendition = serve_image_rendition

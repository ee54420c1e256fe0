"""The example site's addresses, and two for the comparison:

* ``/bench-constant/``: a constant Django view answering the bytes of the file
  named by ``MENTORING_BENCH_CONSTANT_FILE`` (the benchmark writes the fast
  path's page there first), read once per process;
* ``/bench-django-cache/<path>``: Wagtail's serve view for ``<path>`` under
  Django's cache middleware (``cache_page``, i.e. ``CacheMiddleware``).
"""

import os
from pathlib import Path

from django.http import HttpResponse, HttpResponseNotFound
from django.urls import include, path
from django.views.decorators.cache import cache_page
from wagtail.views import serve

_body = {}


def constant_view(request):
    if "bytes" not in _body:
        named = os.environ.get("MENTORING_BENCH_CONSTANT_FILE", "")
        if not named or not Path(named).is_file():
            return HttpResponseNotFound("no MENTORING_BENCH_CONSTANT_FILE yet")
        _body["bytes"] = Path(named).read_bytes()
    return HttpResponse(_body["bytes"])


urlpatterns = [
    path("bench-constant/", constant_view),
    path("bench-django-cache/<path:path>", cache_page(300)(serve)),
    path("bench-django-cache/", cache_page(300)(serve), {"path": ""}),
    path("", include("example_site.urls")),
]

from django.conf import settings
from django.urls import include, path
from home import views as home_views
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from .media_views import serve_rendition

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("search/", home_views.search, name="search"),
    path("healthz", home_views.health, name="health"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if settings.DEBUG or getattr(settings, "MEDIA_SERVED_BY_SITE", False):
    # In DEBUG, or with object storage (whose files have no other address).
    # No part of MEDIA_ROOT is served as a folder, even here: a path under a
    # folder's prefix can walk out of it («images/..%2fdocuments/…»). Only
    # image renditions, looked up by their exact name; documents go through
    # Wagtail's view at /documents/, which checks privacy and the records.
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/images/<path:path>",
            serve_rendition,
            name="demo_rendition",
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]

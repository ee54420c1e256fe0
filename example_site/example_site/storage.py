"""Object storage (S3) that hands out no bucket URL.

django-storages' ``S3Storage`` would answer ``url()`` with a signed bucket
address. Here every file's address is the site's own ``MEDIA_URL`` path, so a
page or a feed never carries a link into the bucket: the site's views stream
the file after their checks (documents: Wagtail's serve view; renditions: the
rendition view in ``urls.py``; mentors' photos: their portfolio's view), and
anything else under ``MEDIA_URL`` answers 404.
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name).lstrip("/")

"""The public side's hooks, imported by the app's ``wagtail_hooks``."""

from wagtail import hooks

from .cache_headers import cache_headers_on_serve
from .fast_path import mark_on_serve
from .nonpublic import NONPUBLIC_NAMES_HOOK, unpublished_document_names
from .page_cache import page_cache_on_serve

# The labels go on whatever is answered, Wagtail's password or login page too:
# outside every other on_serve_page hook. The page cache is inside Wagtail's
# own (order 0), so that its check of view restrictions runs on every request
# before anything comes from the cache.
hooks.register("on_serve_page", cache_headers_on_serve, order=-100)
hooks.register("on_serve_page", page_cache_on_serve, order=100)
# Marks what PageCacheMiddleware may keep; outside the labels, so it runs
# even when the page itself comes from the cache above.
hooks.register("on_serve_page", mark_on_serve, order=-200)

hooks.register(NONPUBLIC_NAMES_HOOK, unpublished_document_names)

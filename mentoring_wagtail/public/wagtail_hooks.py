"""The public side's hooks, imported by the app's ``wagtail_hooks``."""

from wagtail import hooks

from .cache_headers import cache_headers_on_serve
from .nonpublic import NONPUBLIC_NAMES_HOOK, unpublished_document_names

hooks.register("on_serve_page", cache_headers_on_serve)

hooks.register(NONPUBLIC_NAMES_HOOK, unpublished_document_names)

"""The page cache before routing, as a middleware (see :mod:`.fast_path`).

Opt-in: add it to ``MIDDLEWARE`` right after
``django.middleware.locale.LocaleMiddleware`` (after ``SessionMiddleware`` and
any Content-Security-Policy middleware of the site, before
``CommonMiddleware``). What is above it runs on every answer, cached or not;
what is below it runs only when a page is rendered, and the headers it adds
are kept with the page.
"""

from .fast_path import lookup_key, store, stored_response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = lookup_key(request)
        if key is None:
            return self.get_response(request)
        response = stored_response(key)
        if response is not None:
            return response
        response = self.get_response(request)
        store(key, request, response)
        return response

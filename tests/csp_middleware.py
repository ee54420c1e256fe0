"""Sends ``settings.MENTORING_TEST_CSP`` as the Content-Security-Policy.

Set per test (``settings`` fixture): the live server reads it on each
request, and the browser keeps its cache (a Playwright route would not).
"""

from django.conf import settings


class PolicyFromSetting:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "MENTORING_TEST_CSP", "")
        if policy:
            response.headers["Content-Security-Policy"] = policy
        return response

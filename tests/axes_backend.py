"""Axes' backend for the tests: throttling on, request-less logins let through.

Django's test ``Client.login()`` (and Wagtail's ``WagtailTestUtils.login``)
call ``authenticate()`` without a request, which axes refuses outright. No
HTTP login arrives that way (Django's and Wagtail's login views pass the
request), so only those calls skip the throttle here; every login posted to a
view is counted and locked as on a school's site (tests/test_login_throttling.py).
"""

from axes.backends import AxesStandaloneBackend


class AxesBackendForTests(AxesStandaloneBackend):
    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)

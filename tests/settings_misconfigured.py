"""The test settings with one piece of the installation left out.

MENTORING_MISCONFIGURE names what is missing; used by tests/test_checks.py to
run ``manage.py check`` as a web admin would.
"""

import os

from tests.settings import *  # noqa: F403

_missing = os.environ.get("MENTORING_MISCONFIGURE", "")

if _missing == "guardian_app":
    INSTALLED_APPS = [a for a in INSTALLED_APPS if a != "guardian"]  # noqa: F405
elif _missing == "guardian_backend":
    AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
elif _missing == "settings_app":
    INSTALLED_APPS = [a for a in INSTALLED_APPS if a != "wagtail.contrib.settings"]  # noqa: F405
elif _missing == "contrib_postgres":
    INSTALLED_APPS = [a for a in INSTALLED_APPS if a != "django.contrib.postgres"]  # noqa: F405
    DATABASES = {  # noqa: F405
        "default": {"ENGINE": "django.db.backends.postgresql", "NAME": "unused"}
    }
elif _missing == "serve_method":
    WAGTAILDOCS_SERVE_METHOD = "direct"
elif _missing == "shared_cache":
    SILENCED_SYSTEM_CHECKS = []  # the test settings' per-process cache, reported

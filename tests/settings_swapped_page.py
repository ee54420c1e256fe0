"""The test settings on a site that swaps Wagtail's base page model.

Uses Wagtail's own test app ``wagtail.test.basepage`` (``BasePage`` with an
``importance`` field), the way Wagtail tests reusable apps against a custom
base page. The example site's own pages inherit ``wagtail.models.Page``
directly, so its apps are left out.
"""

import os

from tests.settings import *  # noqa: F403

INSTALLED_APPS = ["wagtail.test.basepage"] + [
    app
    for app in INSTALLED_APPS  # noqa: F405
    if app not in ("home", "demo")
]
WAGTAIL_PAGE_MODEL = "basepage.BasePage"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["SWAPPED_PAGE_DB"],
    }
}

"""The example site without the optional apps (participants and what builds on it).

A school that keeps its people in another system leaves
``mentoring_wagtail.participants`` out, and with it the apps that build on it
(portfolios, monitoring); documents and roadmaps must work unchanged
(tests/participants/test_core_without_app.py).
"""

from tests import settings as _with_app
from tests.settings import *  # noqa: F403

OPTIONAL_APPS = {
    "mentoring_wagtail.participants": "mentoring_participants",
    "mentoring_wagtail.portfolios": "mentoring_portfolios",
    "mentoring_wagtail.monitoring": "mentoring_monitoring",
}
INSTALLED_APPS = [app for app in _with_app.INSTALLED_APPS if app not in OPTIONAL_APPS]
if hasattr(_with_app, "MIGRATION_MODULES"):
    MIGRATION_MODULES = {
        label: module
        for label, module in _with_app.MIGRATION_MODULES.items()
        if label not in OPTIONAL_APPS.values()
    }

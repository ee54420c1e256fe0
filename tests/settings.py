"""Test settings: the example site as a school installs it, made fast.

The database comes from MENTORING_DB (sqlite by default, or postgres).
"""

import os

from example_site.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = False
ALLOWED_HOSTS = ["*"]
SECRET_KEY = "tests"  # noqa: S105
STORAGES = {  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"

# While several models are in flux, developers may test against throwaway
# migrations made from the current models (tests/conftest.py makes them in a
# temporary folder); CI always runs the real migrations.
if os.environ.get("MENTORING_DEV_NO_MIGRATIONS"):
    import sys
    import tempfile

    _dev_dir = Path(tempfile.mkdtemp(prefix="mentoring-dev-migrations-"))  # noqa: F405
    (_dev_dir / "mentoring_dev_migrations").mkdir()
    (_dev_dir / "mentoring_dev_migrations" / "__init__.py").touch()
    sys.path.insert(0, str(_dev_dir))
    MIGRATION_MODULES = {"mentoring_wagtail": "mentoring_dev_migrations"}

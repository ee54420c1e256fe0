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
# The database backend's table exists in the test database, for the tests that
# run a real worker (tests/background/); the other tests run tasks at once.
if "django_tasks_db" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# One process (live servers are threads of it): its own memory is shared enough,
# and emptied before each test (tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SILENCED_SYSTEM_CHECKS = ["mentoring_wagtail.W004"]

# Each checkout gets its own PostgreSQL test database, so two runs on one
# server (a CI clone beside a developer's tree, or two worktrees) never drop or
# flush each other's database mid-run.
import hashlib  # noqa: E402
import tempfile  # noqa: E402

_checkout = hashlib.sha256(str(BASE_DIR.parent).encode()).hexdigest()[:8]  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": f"test_{DATABASES['default']['NAME']}_{_checkout}"  # noqa: F405
    }
    # A commit does not wait for the disk (a crash may lose the last commits,
    # of a database thrown away anyway). The migrations, the demo loaders and
    # the live-server tests commit thousands of times; with the disk busy each
    # wait was ~9 ms, without it ~1 ms. Reads and results are unchanged.
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        **DATABASES["default"].get("OPTIONS", {}),  # noqa: F405
        "options": "-c synchronous_commit=off",
    }
else:
    # SQLite's test database is a file (in memory-backed /dev/shm where there
    # is one), never ":memory:": Django shares an in-memory connection between
    # the live server's thread and the test, and under load their
    # transactions interleave (TransactionManagementError). A file gives each
    # thread its own connection; a write waits for the other's lock
    # (timeout) and takes it at BEGIN (IMMEDIATE), so two writers never
    # deadlock on a lock upgrade.
    _shm = Path("/dev/shm")  # noqa: F405, S108 (a file name of our own, per checkout)
    _tmp = _shm if _shm.is_dir() and os.access(_shm, os.W_OK) else tempfile.gettempdir()
    # One file per pytest process: two runs in one checkout never share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(_tmp) / f"mentoring-test-{_checkout}-{os.getpid()}.sqlite3")  # noqa: F405
    }
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        **DATABASES["default"].get("OPTIONS", {}),  # noqa: F405
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
    }

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
    (_dev_dir / "mentoring_dev_participants_migrations").mkdir()
    (_dev_dir / "mentoring_dev_participants_migrations" / "__init__.py").touch()
    (_dev_dir / "mentoring_dev_portfolios_migrations").mkdir()
    (_dev_dir / "mentoring_dev_portfolios_migrations" / "__init__.py").touch()
    (_dev_dir / "mentoring_dev_monitoring_migrations").mkdir()
    (_dev_dir / "mentoring_dev_monitoring_migrations" / "__init__.py").touch()
    MIGRATION_MODULES = {
        "mentoring_monitoring": "mentoring_dev_monitoring_migrations",
        "mentoring_wagtail": "mentoring_dev_migrations",
        "mentoring_participants": "mentoring_dev_participants_migrations",
        "mentoring_portfolios": "mentoring_dev_portfolios_migrations",
    }

# A second, differently built host site (tests/section/test_public_host.py).
TEMPLATES[0]["DIRS"] = [  # noqa: F405
    *TEMPLATES[0]["DIRS"],  # noqa: F405
    BASE_DIR.parent / "tests" / "host_templates",  # noqa: F405
]

# Axes stays on; only request-less logins (the test client's) skip it.
AUTHENTICATION_BACKENDS = [  # noqa: F405
    "tests.axes_backend.AxesBackendForTests",
    *AUTHENTICATION_BACKENDS[1:],  # noqa: F405
]

# The admin's Content-Security-Policy test (tests/access/test_admin_csp.py).
MIDDLEWARE = [*MIDDLEWARE, "tests.csp_middleware.PolicyFromSetting"]  # noqa: F405

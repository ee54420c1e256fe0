"""Settings of a small school site that installs mentoring_wagtail.

It is a plain `wagtail start` project; the lines marked «mentoring_wagtail»
are all a school's web admin adds to their own site.
"""

import datetime
import os
from pathlib import Path

import django

PROJECT_DIR = Path(__file__).resolve().parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "demo-only-not-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "home",
    "demo",
    "mentoring_wagtail",  # mentoring_wagtail
    "mentoring_wagtail.participants",  # mentoring_wagtail: mentors, mentees (optional)
    "mentoring_wagtail.portfolios",  # mentoring_wagtail: mentor portfolios (optional)
    "mentoring_wagtail.monitoring",  # mentoring_wagtail: indicators (optional)
    "guardian",  # mentoring_wagtail: per-object rights
    "wagtail.contrib.settings",  # mentoring_wagtail: organisation requisites
    "wagtail.contrib.forms",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # mentoring_wagtail: login throttling (docs/features/hostile-input.md)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # mentoring_wagtail: last
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # mentoring_wagtail: first
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",  # mentoring_wagtail
]
# mentoring_wagtail: login throttling. Failures are counted in the database
# (every app server sees them; the page cache never caches a login POST): 5
# wrong passwords for one username, or from one address, lock it for 30
# minutes; an administrator unlocks earlier under Settings → Login lockouts.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "mentoring_wagtail/lockouts/locked.html"
# Behind a reverse proxy, the client's address is in X-Forwarded-For: set
# AXES_IPWARE_PROXY_COUNT = 1 and AXES_IPWARE_META_PRECEDENCE_ORDER =
# ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"], or every visitor shares the proxy's.
# No anonymous object permissions are used: saves a query per anonymous request.
ANONYMOUS_USER_NAME = None

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "example_site.wsgi.application"


def database_from_environment():
    """SQLite by default; PostgreSQL when MENTORING_DB=postgres."""
    if os.environ.get("MENTORING_DB", "sqlite") == "postgres":
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("PGDATABASE", "test"),
            "USER": os.environ.get("PGUSER", "postgres"),
            "PASSWORD": os.environ.get("PGPASSWORD", ""),
            "HOST": os.environ.get("PGHOST", "127.0.0.1"),
            "PORT": os.environ.get("PGPORT", "5432"),
        }
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", BASE_DIR / "db.sqlite3"),
        # One person's clicks overlap (the editor's autosave meets a submit):
        # WAL lets readers go on during a write, IMMEDIATE takes the write lock
        # at BEGIN (no deadlock on upgrade), and a writer waits up to 20 s for
        # another instead of answering «database is locked».
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": database_from_environment()}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    INSTALLED_APPS.append("django.contrib.postgres")  # mentoring_wagtail: search

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Shared by every worker of this machine (the public pages' cache is
# invalidated through it); several servers would use Redis or Memcached.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")),
    }
}

WAGTAIL_SITE_NAME = "Школа «Демонстрационная»"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # mentoring_wagtail: Wagtail's database backend, stemming Russian on
        # SQLite as PostgreSQL's «russian» configuration does.
        "BACKEND": "mentoring_wagtail.search_backend",
        "SEARCH_CONFIG": "russian",
    }
}
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # mentoring_wagtail: enforce privacy
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# mentoring_wagtail (W005): a portrait from any phone or camera fits in 33
# million pixels, and a worker decoding one stays within 300 MB more memory; a
# «decompression bomb» (11,000 × 11,000 pixels in 15 KB) is refused from its
# header, before Pillow decodes it.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 33_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# mentoring_wagtail: check uploads into the mentoring collection by content
WAGTAILDOCS_DOCUMENT_FORM_BASE = (
    "mentoring_wagtail.documents.forms.MentoringDocumentForm"
)

# Background work (Wagtail's task framework). The demo runs tasks in the
# request (the immediate backend). MENTORING_TASKS_BACKEND=database keeps them
# in this database for a worker, `manage.py mentoring_worker` (the `tasks` extra:
# django-tasks-db); see docs/operations/background-tasks.md.
if os.environ.get("MENTORING_TASKS_BACKEND") == "database":
    INSTALLED_APPS.append("django_tasks_db")  # mentoring_wagtail: durable tasks
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # Seconds of a worker's silence before its running tasks are queued again
    # (the package's default is 60; scripts/cluster uses 15), its heartbeat
    # six times as often.
    MENTORING_WAGTAIL_WORKER_DEAD_AFTER = int(
        os.environ.get("MENTORING_WORKER_DEAD_AFTER", "60")
    )
    MENTORING_WAGTAIL_WORKER_HEARTBEAT = max(
        1, MENTORING_WAGTAIL_WORKER_DEAD_AFTER // 6
    )
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Several app servers behind a balancer (docs/operations/scaling.md;
# scripts/cluster starts such a stack on one machine). Each variable switches
# one shared service on; without them the site runs on one machine as above.
if os.environ.get("MENTORING_REDIS_URL"):
    # The cache every app server shares: rendered public pages, their content
    # version, the sessions' copies.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["MENTORING_REDIS_URL"],
            "KEY_PREFIX": os.environ.get("MENTORING_CACHE_PREFIX", "mentoring"),
        }
    }
    # Sessions written to the database and read through the shared cache: a
    # visitor's next request may reach the other server, and a Redis restart
    # signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
if os.environ.get("MENTORING_S3_BUCKET"):
    # Documents and images in S3-compatible object storage. Nothing in the
    # bucket is public (private ACL, signed requests only); visitors never get
    # a bucket URL: documents stream through Wagtail's serve view (its privacy
    # and the package's checks), image renditions through the site's rendition
    # view, mentors' photos only through their portfolio's checked view.
    STORAGES["default"] = {
        "BACKEND": "example_site.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MENTORING_S3_BUCKET"],
            "endpoint_url": os.environ.get("MENTORING_S3_ENDPOINT") or None,
            "region_name": os.environ.get("MENTORING_S3_REGION", "us-east-1"),
            "access_key": os.environ.get("MENTORING_S3_ACCESS_KEY"),
            "secret_key": os.environ.get("MENTORING_S3_SECRET_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
        },
    }
# With object storage, files have no address but the site's checked views.
MEDIA_SERVED_BY_SITE = bool(os.environ.get("MENTORING_S3_BUCKET"))
if os.environ.get("MENTORING_PAGE_CACHE"):
    # The section's public pages answered to anonymous visitors from the
    # shared cache before Wagtail's routing (docs/operations/caching.md).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1,
        "mentoring_wagtail.public.middleware.PageCacheMiddleware",
    )
if os.environ.get("MENTORING_BEHIND_PROXY"):
    # One proxy (HAProxy, nginx) in front adds the visitor's address to
    # X-Forwarded-For: the login throttle counts visitors, not the proxy.
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Mail goes to the console in the demo. Django 6.1 replaces EMAIL_BACKEND
# with MAILERS; a site sets whichever its Django version reads.
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "noreply@school.example"

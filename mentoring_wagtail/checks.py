"""System checks that name each missing piece of the installation."""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.utils.module_loading import import_string

from .conf import get_setting
from .documents.forms import MentoringDocumentFormMixin
from .documents.serving_checks import (
    document_file_url_served,
    effective_serve_method,
)

GUARDIAN_BACKEND = "guardian.backends.ObjectPermissionBackend"

REQUIRED_APPS = (
    ("guardian", "mentoring_wagtail.E001"),
    ("wagtail.contrib.settings", "mentoring_wagtail.E003"),
)


@register(Tags.compatibility)
def required_apps_check(app_configs, **kwargs):
    errors = []
    for app_name, check_id in REQUIRED_APPS:
        if not apps.is_installed(app_name):
            errors.append(
                Error(
                    f"'{app_name}' is not in INSTALLED_APPS.",
                    hint=f"Add '{app_name}' to INSTALLED_APPS; mentoring_wagtail "
                    "needs it.",
                    id=check_id,
                )
            )
    return errors


@register(Tags.security)
def guardian_backend_check(app_configs, **kwargs):
    backends = getattr(settings, "AUTHENTICATION_BACKENDS", ())
    if GUARDIAN_BACKEND in backends:
        return []
    return [
        Error(
            "django-guardian's object permission backend is not enabled.",
            hint=f"Add '{GUARDIAN_BACKEND}' to AUTHENTICATION_BACKENDS, after "
            "'django.contrib.auth.backends.ModelBackend'. Without it per-object "
            "rights (a curator responsible for one roadmap) are ignored.",
            id="mentoring_wagtail.E002",
        )
    ]


# Not tagged "database": Django runs those only with ``check --database``, and
# this one reads settings, not the database.
@register(Tags.compatibility)
def postgres_search_check(app_configs, **kwargs):
    """Wagtail's database search on PostgreSQL needs django.contrib.postgres."""
    engines = {db.get("ENGINE", "") for db in settings.DATABASES.values()}
    uses_postgres = any("postgresql" in engine for engine in engines)
    if not uses_postgres or apps.is_installed("django.contrib.postgres"):
        return []
    return [
        Error(
            "The database is PostgreSQL but 'django.contrib.postgres' is not in "
            "INSTALLED_APPS.",
            hint="Add 'django.contrib.postgres' to INSTALLED_APPS so that full-text "
            "search of the mentoring section uses PostgreSQL with the Russian "
            "configuration.",
            id="mentoring_wagtail.E004",
        )
    ]


@register(Tags.security)
def document_serve_method_check(app_configs, **kwargs):
    """Collection privacy on documents is only enforced when Django serves them."""
    method = effective_serve_method()
    if method == "serve_view":
        return []
    return [
        Warning(
            f"Documents are served with the '{method}' method: private mentoring "
            "documents (drafts, unpublished orders' scans, private collections) "
            "can be downloaded by anyone who has the link.",
            hint="Set WAGTAILDOCS_SERVE_METHOD = 'serve_view' so that collection "
            "privacy and the records' state are checked on every download.",
            id="mentoring_wagtail.W001",
        )
    ]


@register(Tags.security, Tags.urls)
def media_served_directly_check(app_configs, **kwargs):
    """The site's URLconf must not hand out the document files themselves."""
    url = document_file_url_served()
    if url is None:
        return []
    return [
        Warning(
            f"The URLconf serves document files directly at {url}, past "
            "Wagtail's document view: unpublished orders' scans and private "
            "collections can be downloaded there.",
            hint="Serve only images from MEDIA_ROOT (or nothing) with "
            "django.views.static.serve / static(); documents go through "
            "wagtail.documents.urls. Keep the web server from serving "
            "MEDIA_ROOT/documents too (see docs/security.md, «Deployment»).",
            id="mentoring_wagtail.W003",
        )
    ]


DOCUMENT_FORM_BASE = "mentoring_wagtail.documents.forms.MentoringDocumentForm"


@register(Tags.security)
def document_form_base_check(app_configs, **kwargs):
    """Uploads into the mentoring collection are checked by content only with
    our document form (orders still check the files they are given)."""
    base = getattr(settings, "WAGTAILDOCS_DOCUMENT_FORM_BASE", "")
    try:
        uses_ours = bool(base) and issubclass(
            import_string(base), MentoringDocumentFormMixin
        )
    except ImportError:
        uses_ours = False
    if uses_ours:
        return []
    return [
        Warning(
            "Documents uploaded to the mentoring collection are not checked by "
            "content: a renamed executable is accepted as «scan.pdf».",
            hint=f"Set WAGTAILDOCS_DOCUMENT_FORM_BASE = '{DOCUMENT_FORM_BASE}' (or "
            "a form that mixes in MentoringDocumentFormMixin).",
            id="mentoring_wagtail.W002",
        )
    ]


# A portrait from a 48-megapixel phone is saved at 12 MP (binned), a camera's at
# 24–33 MP: 33 MP fits them all. Rewriting a sideways camera JPEG upright on
# upload, or making a rendition of it, holds the decoded image twice (about
# 7.7 bytes a pixel): at 33 MP a worker grows by about 255 MB, under the 300 MB
# budget (tests/portfolios/test_photo_memory.py); at 40 MP it grew by 307 MB.
MAX_PORTRAIT_PIXELS = 33_000_000


@register(Tags.security)
def image_pixel_limit_check(app_configs, **kwargs):
    """A decompression bomb must be refused from its header, not decoded."""
    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000)
    if limit is not None and limit <= MAX_PORTRAIT_PIXELS:
        return []
    return [
        Warning(
            f"WAGTAILIMAGES_MAX_IMAGE_PIXELS is {limit}: an uploaded image of "
            "that many pixels (a 15 KB PNG can declare 11,000 × 11,000) takes "
            "gigabytes of memory and seconds of work each time a rendition of "
            "it is made.",
            hint=f"Set WAGTAILIMAGES_MAX_IMAGE_PIXELS = {MAX_PORTRAIT_PIXELS:_} "
            "(enough for any portrait): Wagtail then refuses a larger image "
            "from its header, before decoding it.",
            id="mentoring_wagtail.W005",
        )
    ]


PUBLIC_CACHES = (
    "PUBLIC_PAGE_CACHE_TIMEOUT",
    "REGISTRY_CACHE_TIMEOUT",
    "ROADMAP_CACHE_TIMEOUT",
    "PORTFOLIOS_CACHE_TIMEOUT",
)


@register(Tags.caches)
def shared_cache_check(app_configs, **kwargs):
    """Cached public pages are invalidated through Django's cache: it must be shared."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if not backend.endswith("LocMemCache"):
        return []
    if not any(get_setting(name) for name in PUBLIC_CACHES):
        return []
    return [
        Warning(
            "Django's default cache is LocMemCache, which each process keeps to "
            "itself: with several workers or app servers, a change made through "
            "one leaves the public mentoring pages cached by the others out of "
            "date until their cache timeout.",
            hint="Use a cache every process shares (Redis, Memcached, "
            "FileBasedCache on one server, DatabaseCache), or set "
            "MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT, REGISTRY_CACHE_TIMEOUT, "
            "ROADMAP_CACHE_TIMEOUT and PORTFOLIOS_CACHE_TIMEOUT to 0.",
            id="mentoring_wagtail.W004",
        )
    ]


AXES_BACKENDS = ("axes.backends.AxesStandaloneBackend", "axes.backends.AxesBackend")


@register(Tags.security)
def login_throttling_check(app_configs, **kwargs):
    """Wrong passwords must not be tried at full speed against staff logins."""
    backends = list(getattr(settings, "AUTHENTICATION_BACKENDS", ()))
    middleware = getattr(settings, "MIDDLEWARE", ())
    if (
        apps.is_installed("axes")
        and backends
        and ("axes.middleware.AxesMiddleware" in middleware)
    ):
        first = import_string(backends[0])
        if any(issubclass(first, import_string(name)) for name in AXES_BACKENDS):
            return []
    return [
        Warning(
            "Logins are not throttled: anyone may try passwords of the staff "
            "accounts (who see minors' personal data) at full speed.",
            hint="Install django-axes (pip install 'mentoring-wagtail[security]'), "
            "add 'axes' to INSTALLED_APPS, 'axes.backends.AxesStandaloneBackend' "
            "first in AUTHENTICATION_BACKENDS and 'axes.middleware.AxesMiddleware' "
            "last in MIDDLEWARE (see docs/features/hostile-input.md).",
            id="mentoring_wagtail.W006",
        )
    ]


@register(Tags.compatibility)
def frontend_cache_order_check(app_configs, **kwargs):
    """Wagtail's front-end cache app must be ready before the package, which
    disconnects its page handlers (a second purge of the page, in a task
    nobody retries); see docs/operations/background-tasks.md."""
    names = [config.name for config in apps.get_app_configs()]
    wagtail_app = "wagtail.contrib.frontend_cache"
    if wagtail_app in names and names.index(wagtail_app) > names.index(
        "mentoring_wagtail"
    ):
        return [
            Warning(
                "wagtail.contrib.frontend_cache comes after mentoring_wagtail in "
                "INSTALLED_APPS: its handlers stay connected and a published page "
                "is purged twice, once outside the package's retried jobs.",
                hint="Put it before mentoring_wagtail, or leave it out: the "
                "WAGTAILFRONTENDCACHE backends are enough.",
                id="mentoring_wagtail.W020",
            )
        ]
    return []

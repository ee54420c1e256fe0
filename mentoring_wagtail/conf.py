"""Settings of the package, read when used so ``override_settings`` works.

Every setting is optional and prefixed ``MENTORING_WAGTAIL_``.
"""

from django.conf import settings

DEFAULTS = {
    # Public forms (questionnaire answers): per client address, at most this
    # many refused links, and this many answers posted, per window of seconds.
    # A whole class answering from one school address stays far below.
    "PUBLIC_FORM_BAD_LINK_LIMIT": 20,
    "PUBLIC_FORM_POST_LIMIT": 200,
    "PUBLIC_FORM_WINDOW": 600,
    # Content types accepted for uploaded scans and drafts, checked by content.
    "ALLOWED_DOCUMENT_TYPES": ("pdf", "docx", "odt"),
    "MAX_UPLOAD_SIZE": 20 * 1024 * 1024,
    # An order may be dated at most this many days ahead.
    "ORDER_FUTURE_MARGIN_DAYS": 7,
    "ORDER_NUMBER_PATTERN": "{seq}-ОД",
    # Registration journals by order kind (kind → journal key, used as
    # «{journal}» in the pattern); kinds not listed share the "main" journal.
    "ORDER_JOURNALS": {},
    # Limits applied to a .docx before python-docx reads it.
    "DOCX_MAX_UNCOMPRESSED_SIZE": 50 * 1024 * 1024,
    "DOCX_MAX_ENTRIES": 2000,
    "ROADMAP_IMPORT_MAX_ROWS": 5000,
    # A roadmap file (.docx or JSON) of more bytes is read by the background
    # worker, the curator waiting on a page that shows the progress.
    "ROADMAP_IMPORT_BACKGROUND_MIN_BYTES": 1024 * 1024,
    # Seconds the public roadmap's rendered table is kept in Django's cache,
    # per live revision and day; 0 renders every request afresh.
    "ROADMAP_CACHE_TIMEOUT": 600,
    # Seconds the rendered «Наши наставники» listing and portfolio bodies are
    # kept in Django's cache (a shared cache with several app servers); every
    # change that alters them invalidates them at once. 0: render every time.
    "PORTFOLIOS_CACHE_TIMEOUT": 600,
    # Seconds a rendered registry listing is kept in Django's cache, keyed by
    # the latest change (see documents/registry_cache.py); 0 turns it off.
    "REGISTRY_CACHE_TIMEOUT": 600,
    # The secret of the signature keys (HMAC); None derives one from
    # SECRET_KEY with a salt of its own (see signatures/keys.py).
    "SIGNATURE_SECRET": None,
    # Seconds a public page of the section, rendered for anonymous visitors,
    # is kept in Django's cache under the shared content version (see
    # public/page_cache.py); any change moves the version on. 0 turns it off.
    "PUBLIC_PAGE_CACHE_TIMEOUT": 600,
    # Words a visitor may type, expanded at query time to the forms the
    # Russian stemmer keeps apart («наставник» ≠ «наставничество»).
    "SEARCH_SYNONYMS": {
        "наставник": ["наставничество", "наставляемый", "наставнический"],
        "наставничество": ["наставник", "наставляемый", "наставнический"],
        "наставляемый": ["наставник", "наставничество"],
    },
    "DOCUMENTS_COLLECTION_NAME": "Наставничество",
    # Execution control on the dashboard: activities due within this many days.
    "DASHBOARD_DUE_WITHIN_DAYS": 14,
    # The host site's template that the public pages' frame
    # ("mentoring_wagtail/base.html") extends; it must define the blocks
    # title, meta, extra_css and content (see docs/theming.md).
    "BASE_TEMPLATE": "base.html",
    # False leaves the package's stylesheets out: the site styles the pages.
    "INCLUDE_CSS": True,
    # True when the site offers its own version for the visually impaired:
    # the package then hides its «Версия для слабовидящих» switch.
    "OWN_ACCESSIBILITY_VERSION": False,
    # Seconds a browser or front-end cache may keep a published public page
    # of the section (``Cache-Control: public, max-age``); 0 sends no-store.
    "PUBLIC_CACHE_MAX_AGE": 300,
    # Background jobs (background/jobs.py): attempts before a job stays
    # «failed», and the seconds to wait before each retry (the last repeats).
    "TASK_MAX_ATTEMPTS": 3,
    "TASK_RETRY_DELAYS": (30, 300),
    # A job «running» this long without finishing is taken for a worker that
    # died mid-task: the admin may start it again.
    "TASK_STALE_AFTER": 3600,
    # ``manage.py mentoring_worker``: seconds between a worker's heartbeats,
    # and the silence after which its running tasks are started again by
    # another worker (background/recovery.py).
    "WORKER_HEARTBEAT": 10,
    "WORKER_DEAD_AFTER": 60,
}


def get_setting(name):
    """Return ``settings.MENTORING_WAGTAIL_<name>`` or the package default."""
    return getattr(settings, f"MENTORING_WAGTAIL_{name}", DEFAULTS[name])

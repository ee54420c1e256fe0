"""One number that changes whenever anything a visitor could see changes.

The section's rendered pages are cached under it (:mod:`.page_cache`). It lives
in Django's cache, which every worker and app server must share (Redis,
Memcached, the file or database cache: a system check warns about a
per-process cache); if it is evicted it restarts from the clock, above any
value used before, so no old page is ever reused.

Any model saved or deleted through the ORM, and any many-to-many change, moves
it on at once and again when the transaction commits, so a request that read
the data before the commit cannot keep a stale page under the new number.
Left out, because they change nothing a visitor reads and happen all day while
editors work: sessions, Wagtail's editing sessions, revisions (drafts and
autosave), task states, editors' admin preferences, renditions made while a
page renders, saves of a page or snippet that touch only its draft and lock
fields, a user's last sign-in and the login throttle's records. Raw saves
(``loaddata``) move it too: a restored database is new data.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from ..cache_version import KEY, bump, current_version  # noqa: F401

# Fields Wagtail writes when a draft is saved, locked or unlocked, and Django
# when a user signs in.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "last_login",  # a user signing in
    }
)

IGNORED_MODELS = frozenset(
    {
        "sessions.session",
        "wagtailadmin.editingsession",
        "wagtailcore.revision",
        "wagtailcore.taskstate",
        "wagtailusers.userprofile",  # an editor's own admin preferences
        # The login throttle's records (django-axes): every sign-in, sign-out
        # and wrong password writes one.
        "axes.accessattempt",
        "axes.accessfailurelog",
        "axes.accesslog",
    }
)


def _is_ignored(sender, kwargs):
    if sender._meta.label_lower in IGNORED_MODELS:
        return True
    if kwargs.get("created") and _is_rendition(sender):
        return True  # made while a page renders; the image's own save counts
    update_fields = kwargs.get("update_fields")
    return bool(update_fields) and DRAFT_ONLY_FIELDS.issuperset(update_fields)


def _is_rendition(model):
    from wagtail.images.models import AbstractRendition

    return issubclass(model, AbstractRendition)


def _on_change(sender, **kwargs):
    if not _is_ignored(sender, kwargs):
        bump()


def _on_m2m(sender, action, **kwargs):
    if action.startswith("post_"):
        bump()


def connect_signals():
    uid = "mentoring-public-content-version"
    post_save.connect(_on_change, dispatch_uid=uid + "-save")
    post_delete.connect(_on_change, dispatch_uid=uid + "-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid=uid + "-m2m")

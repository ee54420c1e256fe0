"""Settings of the participants app, read when used so ``override_settings`` works.

Prefixed ``MENTORING_WAGTAIL_PARTICIPANTS_`` like the core's settings.
"""

from django.conf import settings

DEFAULTS = {
    # Days a person's data is kept after their last group ended (finished or
    # dissolved, from its planned end) before ``participants_retention``
    # erases it; a person never put in a group counts from their last change.
    "RETENTION_DAYS": 365,
    # Days after a consent is withdrawn before the data is erased (152-ФЗ
    # art. 21 p. 5 gives thirty days).
    "WITHDRAWAL_ERASE_DAYS": 30,
    # Rows an Excel/CSV import of a base may hold.
    "IMPORT_MAX_ROWS": 5000,
    # A base export of more rows than this is made by the background worker
    # (when there is one) and downloaded when ready.
    "BACKGROUND_EXPORT_MIN_ROWS": 2000,
}


def get_setting(name):
    return getattr(settings, f"MENTORING_WAGTAIL_PARTICIPANTS_{name}", DEFAULTS[name])

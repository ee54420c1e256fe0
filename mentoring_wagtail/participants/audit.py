"""Access to personal data in Wagtail's audit log (152-ФЗ practice).

Opening a mentee's card, exporting a base or a person's data, erasing and
every change are written with :func:`wagtail.log_actions.log`, so they appear
in Wagtail's «Журнал действий» with who and when. Creation, editing and
deletion through the viewsets are logged by Wagtail itself.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

VIEW_CARD = "mentoring_participants.view_card"
EXPORT_BASE = "mentoring_participants.export_base"
EXPORT_PERSON = "mentoring_participants.export_person"
ERASE_PERSON = "mentoring_participants.erase_person"
IMPORT_BASE = "mentoring_participants.import_base"
WITHDRAW_CONSENT = "mentoring_participants.withdraw_consent"
RETENTION_ERASE = "mentoring_participants.retention_erase"

ACTIONS = (
    (VIEW_CARD, _("Open personal card"), _("Personal card opened")),
    (EXPORT_BASE, _("Export base"), _("Base exported")),
    (EXPORT_PERSON, _("Export personal data"), _("Personal data exported")),
    (ERASE_PERSON, _("Erase personal data"), _("Personal data erased")),
    (IMPORT_BASE, _("Import base"), _("Base imported")),
    (WITHDRAW_CONSENT, _("Withdraw consent"), _("Consent withdrawn")),
    (
        RETENTION_ERASE,
        _("Erase after retention"),
        _("Erased after the retention period"),
    ),
)


def register_log_actions(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)


def log_change(instance, user, **data):
    return log(instance, "wagtail.edit", user=user, data=data or None)


def log_view_card(instance, user):
    return log(instance, VIEW_CARD, user=user)


def log_site_action(site, action, user, **data):
    """An action on a whole base (export, import), logged against the site.

    Wagtail's audit log needs an instance; the site whose base it was is the
    natural one, and the model and size go in the entry's data.
    """
    return log(site, action, user=user, data=data)

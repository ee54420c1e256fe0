"""Revocation instead of deletion: «отменён / утратил силу» with date and order.

An official record that anything refers to is never deleted (the admin's
``refuse_deleting_referenced``, run by Wagtail's ``before_delete_snippet`` hook
for single and bulk deletion); the admin offers revocation, which keeps the
record in the registry with its mark, writes a ``mentoring_wagtail.revoke``
entry in Wagtail's audit log and sends ``document_revoked``.
"""

from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex

from .signals import document_revoked

REVOKE_ACTION = "mentoring_wagtail.revoke"


def revoke(instance, *, revoked_on, revoked_by=None, note="", user=None):
    """Mark ``instance`` as revoked; log it. The record itself stays."""
    with transaction.atomic():
        instance.revoked_on = revoked_on
        instance.revoked_by = revoked_by
        instance.revocation_note = note
        instance.save(update_fields=["revoked_on", "revoked_by", "revocation_note"])
        log(
            instance=instance,
            action=REVOKE_ACTION,
            user=user,
            data={
                "revoked_on": revoked_on.isoformat(),
                "revoked_by": str(revoked_by) if revoked_by else "",
                "revoked_by_id": revoked_by.pk if revoked_by else None,
                "note": note,
            },
        )
        document_revoked.send(sender=type(instance), instance=instance)


def is_referenced(instance):
    return ReferenceIndex.get_references_to(instance).exists()

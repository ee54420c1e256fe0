"""Every grant and revocation lands in Wagtail's audit log, whoever makes it.

Logged where the rows are written, not in the «Доступ» view: a guardian
object-permission row saved or deleted (``assign_perm``/``remove_perm`` from
the view, the demo loader or a shell), and a person added to or removed from
a page's responsible group. Inside the admin Wagtail's ``LogContext`` names the
acting user; elsewhere the entry has no user, which is itself worth seeing.

Guardian's bulk helpers (``assign_perm`` on a queryset, ``bulk_assign_perm``)
use ``bulk_create`` and send no signal: the package never calls them.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.models import Page

from .permissions import is_guarded, page_id_of_local_group
from .sharing import ACTION_LABELS

GRANT_ACTION = "mentoring_wagtail.sharing.grant"
REVOKE_ACTION = "mentoring_wagtail.sharing.revoke"


def holder_label(holder):
    if isinstance(holder, Group):
        return holder.name
    return holder.get_full_name() or holder.get_username()


def _right_label(codename):
    return str(ACTION_LABELS.get(codename.rsplit("_", 1)[0], codename))


def _is_logged_object(obj):
    return obj is not None and (isinstance(obj, Page) or is_guarded(type(obj)))


def _log_object_permission(row, action):
    try:
        obj = row.content_object
        holder = row.group if hasattr(row, "group_id") else row.user
    except Exception:  # the object or holder is being deleted with the row
        return
    if not _is_logged_object(obj):
        return
    log(
        instance=obj,
        action=action,
        data={
            "whom": holder_label(holder),
            "rights": [_right_label(row.permission.codename)],
        },
    )


def object_permission_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _log_object_permission(instance, GRANT_ACTION)


def object_permission_deleted(sender, instance, **kwargs):
    _log_object_permission(instance, REVOKE_ACTION)


def _responsible_label():
    return gettext("responsible")


def membership_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """``user.groups`` changed: log on the page whose responsible group it is."""
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    if isinstance(instance, Group):
        pairs = [(instance, user) for user in model.objects.filter(pk__in=pk_set)]
    else:
        groups = Group.objects.filter(pk__in=pk_set)
        pairs = [(group, instance) for group in groups]
    for group, user in pairs:
        page_id = page_id_of_local_group(group)
        page = Page.objects.filter(pk=page_id).first() if page_id else None
        if page is None:
            continue
        log(
            instance=page.specific_deferred,
            action=GRANT_ACTION if action == "post_add" else REVOKE_ACTION,
            data={"whom": holder_label(user), "rights": [_responsible_label()]},
        )


def connect_signals():
    # deferred: django-guardian may be missing; the system checks report it (E001)
    from guardian.models import GroupObjectPermission, UserObjectPermission

    for model in (UserObjectPermission, GroupObjectPermission):
        post_save.connect(
            object_permission_saved, sender=model, dispatch_uid=f"mentoring_{model}"
        )
        post_delete.connect(
            object_permission_deleted,
            sender=model,
            dispatch_uid=f"mentoring_del_{model}",
        )
    m2m_changed.connect(
        membership_changed,
        sender=get_user_model().groups.through,
        dispatch_uid="mentoring_page_responsible",
    )

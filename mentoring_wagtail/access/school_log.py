"""The audit log shown to staff names nobody of another school.

Wagtail's «Журнал изменений» (site history report) and its filters read log
entries through ``ModelLogEntry.objects.viewable_by_user(user)``, which only
asks whether the user holds *some* permission on the entry's model. An entry
about school B's mentee (labelled with her full name) would be shown to
school A's curator. Wagtail offers no hook on that queryset and its report's
URL comes before any hook's, so the package gives ``ModelLogEntry`` a manager
whose ``viewable_by_user`` narrows Wagtail's answer: an entry about a record
of the package is shown only when the permission policy lets the user view
that record (its school, a grant, a mentor's own group): the same check as
the record's listing. Page entries (``PageLogEntry``) are already limited by
Wagtail to the pages the user may explore, and per-site roles hold page
rights on their own school's section only.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.models import ModelLogEntry
from wagtail.models.audit_log import ModelLogEntryManager
from wagtail.permissions import policy_registry

from . import site_scope

VIEW_ACTIONS = ("view", "change")


def _scoped_models():
    for model in site_scope.package_models():
        if not site_scope.is_site_scoped(model):
            continue
        policy = policy_registry.get_by_type(model)
        if hasattr(policy, "role_sites"):
            yield model, policy


def entries_q(user):
    """A ``Q`` of the log entries about records ``user`` may view (package
    records only; every other entry is left to Wagtail's own rule)."""
    q = Q()
    for model, policy in _scoped_models():
        if policy.role_sites(user, VIEW_ACTIONS) is None:
            continue  # every school's records: a plain role
        content_type = ContentType.objects.get_for_model(
            model, for_concrete_model=False
        )
        visible = (
            policy.instances_user_has_any_permission_for(user, VIEW_ACTIONS)
            .annotate(_mentoring_log_pk=Cast("pk", CharField()))
            .values("_mentoring_log_pk")
        )
        q &= ~Q(content_type=content_type) | Q(object_id__in=visible)
    return q


class SchoolScopedLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        entries = super().viewable_by_user(user)
        if user.is_superuser:
            return entries
        return entries.filter(entries_q(user))


def install():
    """Give ``ModelLogEntry`` the school-scoped manager (from ``AppConfig.ready``)."""
    if isinstance(ModelLogEntry.objects, SchoolScopedLogEntryManager):
        return
    ModelLogEntry.objects.__class__ = SchoolScopedLogEntryManager

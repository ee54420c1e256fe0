"""Snippet views that ask the permission policy about the instance at hand.

Wagtail's generic views check model-level permissions only
(``PermissionCheckedMixin.user_has_permission``). With per-object rights
(``permissions.GuardianPermissionPolicy``) "may edit some order" is not
"may edit this order", so these views repeat the check on the object, filter
the listing to the objects the user may see, and drop «Опубликовать» unless
the user may publish this very object. A viewset opts in with
``GuardedSnippetViewSetMixin``, which also passes every view it builds, named
here or not, through ``access.viewset_guard`` (the object guard).
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.snippets.views import chooser, snippets

from ..section.counting import CountedPaginator
from .lookups import get_by_pk_or_404
from .permissions import get_policy
from .viewset_guard import GuardedViewSetMixin

LISTING_ACTIONS = ("view", "change", "delete", "publish")


class InstancePermissionMixin:
    def _guarded_instance(self):
        obj = getattr(self, "object", None)
        if obj is not None:
            return obj if obj.pk is not None else None
        pk = self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"))
        if pk is None and self.args:
            pk = self.args[0]
        if pk is None:
            return None
        if not hasattr(self, "_guarded_object"):
            self._guarded_object = get_by_pk_or_404(
                self.model._default_manager, unquote(str(pk))
            )
        return self._guarded_object

    def _instance_allows(self, actions):
        instance = self._guarded_instance()
        policy = self.permission_policy
        if instance is None or not policy:
            return True
        if hasattr(policy, "user_has_any_permission_for_instance"):
            return policy.user_has_any_permission_for_instance(
                self.request.user, actions, instance
            )
        return True

    def user_has_permission(self, permission):
        allowed = super().user_has_permission(permission)
        if not allowed:
            return False
        if self._instance_allows([permission]):
            return True
        if permission in ("lock", "unlock") and self._workflow_allows_locking(
            permission
        ):
            return True
        # A reviewer of the current workflow step may open the editor.
        task = getattr(self, "current_workflow_task", None)
        instance = self._guarded_instance()
        return bool(
            permission == "change"
            and task
            and task.user_can_access_editor(instance, self.request.user)
        )

    def _workflow_allows_locking(self, permission):
        # Wagtail's own exceptions: a reviewer locks during their step, and
        # whoever locked an object may unlock it.
        instance = self._guarded_instance()
        user = self.request.user
        if (
            permission == "unlock"
            and getattr(instance, "locked_by_id", None) == user.pk
        ):
            return True
        task = getattr(instance, "current_workflow_task", None)
        if task is None:
            return False
        if permission == "lock":
            return task.user_can_lock(instance, user)
        return task.user_can_unlock(instance, user)

    def user_has_any_permission(self, permissions):
        return super().user_has_any_permission(permissions) and self._instance_allows(
            permissions
        )


def filter_to_permitted(queryset, policy, user):
    """Only the objects ``user`` may see or act on, by role or by object grant."""
    if not hasattr(policy, "user_has_model_permission"):
        return queryset
    if user.is_active and user.is_superuser:
        return queryset
    if any(policy.user_has_model_permission(user, a) for a in LISTING_ACTIONS):
        return queryset
    allowed = policy.instances_user_has_any_permission_for(user, LISTING_ACTIONS)
    return queryset.filter(pk__in=allowed.values("pk"))


class GuardedIndexView(snippets.IndexView):
    paginator_class = CountedPaginator

    @cached_property
    def no_results_message(self):
        # Wagtail's «Нет {verbose_name_plural} для отображения» puts the noun
        # in the wrong case; these read right for any of our records.
        if self.is_searching or self.is_filtering:
            return _("Nothing matches your query.")
        return _("Nothing here yet.")

    def get_base_queryset(self):
        return filter_to_permitted(
            super().get_base_queryset(), self.permission_policy, self.request.user
        )

    def paginate_queryset(self, queryset, page_size):
        result = super().paginate_queryset(queryset, page_size)
        policy = self.permission_policy
        if hasattr(policy, "prefetch_for"):
            # Row buttons ask about each object: answer them from one fetch.
            policy.prefetch_for(self.request.user, result[2])
        return result


class GuardedEditView(InstancePermissionMixin, snippets.EditView):
    @property
    def header_more_buttons(self):
        # «Доступ» (sharing) and «Ознакомление» (familiarisation) of this object.
        from ..approvals.admin.hooks import object_buttons

        buttons = list(super().header_more_buttons)
        buttons.extend(object_buttons(self.object, self.request.user, priority=60))
        return buttons

    def get_available_actions(self):
        actions = super().get_available_actions()
        if "publish" in actions and not self._instance_allows(["publish"]):
            actions = [action for action in actions if action != "publish"]
        return actions

    def post(self, request, *args, **kwargs):
        if request.POST.get("action-publish") and not self._instance_allows(
            ["publish"]
        ):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)


class GuardedDeleteView(InstancePermissionMixin, snippets.DeleteView):
    pass


class GuardedInspectView(InstancePermissionMixin, snippets.InspectView):
    pass


class GuardedHistoryView(InstancePermissionMixin, snippets.HistoryView):
    pass


class GuardedUsageView(InstancePermissionMixin, snippets.UsageView):
    pass


class GuardedPreviewRevisionView(InstancePermissionMixin, snippets.PreviewRevisionView):
    pass


class GuardedRevisionsCompareView(
    InstancePermissionMixin, snippets.RevisionsCompareView
):
    pass


class GuardedRevisionsUnscheduleView(
    InstancePermissionMixin, snippets.RevisionsUnscheduleView
):
    pass


class GuardedUnpublishView(InstancePermissionMixin, snippets.UnpublishView):
    pass


class GuardedPreviewOnEditView(InstancePermissionMixin, snippets.PreviewOnEditView):
    pass


class GuardedLockView(InstancePermissionMixin, snippets.LockView):
    pass


class GuardedUnlockView(InstancePermissionMixin, snippets.UnlockView):
    pass


class GuardedWorkflowHistoryView(InstancePermissionMixin, snippets.WorkflowHistoryView):
    pass


class GuardedChooserMixin:
    """Choosers list and return only objects the user may see."""

    def get_object_list(self):
        return filter_to_permitted(
            super().get_object_list(), get_policy(self.model), self.request.user
        )


class GuardedChooseView(GuardedChooserMixin, chooser.ChooseView):
    pass


class GuardedChooseResultsView(GuardedChooserMixin, chooser.ChooseResultsView):
    pass


class GuardedChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        obj = super().get_object(pk)
        policy = get_policy(self.model)
        if hasattr(policy, "user_has_any_permission_for_instance") and not (
            policy.user_has_any_permission_for_instance(
                self.request.user, LISTING_ACTIONS, obj
            )
        ):
            raise PermissionDenied
        return obj


class GuardedChosenMultipleView(chooser.SnippetChosenMultipleView):
    """``chosen-multiple``: ids the user may not see are left out."""

    def get_objects(self, pks):
        from .lookups import is_valid_pk

        # A malformed id chooses nothing rather than failing the whole request.
        valid = [pk for pk in pks if is_valid_pk(self.model, pk)]
        return filter_to_permitted(
            super().get_objects(valid), get_policy(self.model), self.request.user
        )


class GuardedSnippetChooserViewSet(GuardedViewSetMixin, chooser.SnippetChooserViewSet):
    choose_view_class = GuardedChooseView
    choose_results_view_class = GuardedChooseResultsView
    chosen_view_class = GuardedChosenView
    chosen_multiple_view_class = GuardedChosenMultipleView


class GuardedSnippetViewSetMixin(GuardedViewSetMixin):
    """Put first in a ``SnippetViewSet``'s bases to check per-object rights."""

    index_view_class = GuardedIndexView
    index_results_template_name = "mentoring_wagtail/access/index_results.html"
    edit_view_class = GuardedEditView
    delete_view_class = GuardedDeleteView
    inspect_view_class = GuardedInspectView
    history_view_class = GuardedHistoryView
    usage_view_class = GuardedUsageView
    revisions_view_class = GuardedPreviewRevisionView
    revisions_compare_view_class = GuardedRevisionsCompareView
    revisions_unschedule_view_class = GuardedRevisionsUnscheduleView
    unpublish_view_class = GuardedUnpublishView
    preview_on_edit_view_class = GuardedPreviewOnEditView
    lock_view_class = GuardedLockView
    unlock_view_class = GuardedUnlockView
    workflow_history_view_class = GuardedWorkflowHistoryView
    chooser_viewset_class = GuardedSnippetChooserViewSet

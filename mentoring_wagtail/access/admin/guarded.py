"""Snippet views that ask the permission policy about the instance at hand.

Wagtail's generic views check model-level permissions only
(``PermissionCheckedMixin.user_has_permission``). With per-object rights
(``permissions.GuardianPermissionPolicy``) "may edit some order" is not
"may edit this order", so these views repeat the check on the object, filter
the listing to the objects the user may see, and drop «Опубликовать» unless
the user may publish this very object. A viewset opts in with
``GuardedSnippetViewSetMixin``, which also passes every view it builds, named
here or not, through :mod:`.viewset_guard` (the object guard).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.snippets.views import chooser, snippets

from ..lookups import is_valid_pk
from ..permissions import get_policy
from .chooser_scope import (
    SchoolLinkedChooseMixin,
    SchoolLinkedChosenMixin,
    SchoolLinkedChosenMultipleMixin,
)
from .counting import CountedPaginator
from .viewset_guard import GuardedViewSetMixin, InstancePermissionMixin

# Features above add buttons to a guarded object's edit header through this
# hook (approvals: «Доступ», «Ознакомление»): ``fn(obj, user, priority)``
# returns a list of ``wagtail.admin.widgets.Button``.
OBJECT_HEADER_BUTTONS_HOOK = "register_mentoring_object_header_buttons"

LISTING_ACTIONS = ("view", "change", "delete", "publish")


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
        buttons = list(super().header_more_buttons)
        for object_buttons in hooks.get_hooks(OBJECT_HEADER_BUTTONS_HOOK):
            buttons.extend(object_buttons(self.object, self.request.user, 60))
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


class GuardedChooserMixin(SchoolLinkedChooseMixin):
    """Choosers list and return only objects the user may see (of the
    record's school, when a form opened them for a record)."""

    def get_object_list(self):
        return filter_to_permitted(
            super().get_object_list(), get_policy(self.model), self.request.user
        )


class GuardedChooseView(GuardedChooserMixin, chooser.ChooseView):
    pass


class GuardedChooseResultsView(GuardedChooserMixin, chooser.ChooseResultsView):
    pass


class GuardedChosenView(SchoolLinkedChosenMixin, chooser.SnippetChosenView):
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


class GuardedChosenMultipleView(
    SchoolLinkedChosenMultipleMixin, chooser.SnippetChosenMultipleView
):
    """``chosen-multiple``: ids the user may not see are left out."""

    def get_objects(self, pks):
        # A malformed id chooses nothing rather than failing the whole request.
        valid = [pk for pk in pks if is_valid_pk(self.model, pk)]
        return filter_to_permitted(
            super().get_objects(valid), get_policy(self.model), self.request.user
        )


class NoCreationChooserView(chooser.SnippetCreateView):
    """The chooser's «create» URL: the package's choosers have no creation form,
    yet Wagtail registers the view, and a POST to it failed with a 500."""

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class GuardedSnippetChooserViewSet(GuardedViewSetMixin, chooser.SnippetChooserViewSet):
    create_view_class = NoCreationChooserView
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

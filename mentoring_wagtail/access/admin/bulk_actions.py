"""Bulk actions on guarded snippets: only objects the user may see at all.

Wagtail's bulk delete lists every requested id, naming the objects the user
may not delete ("items with no access"), so a forged list of ids reads the
titles of any record. Here an object the user holds no right on is left
out entirely, and a malformed id selects nothing instead of failing.
"""

from django.http import Http404
from django.utils.functional import classproperty
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models

from ..lookups import is_valid_pk
from ..permissions import get_policy, is_guarded
from .viewset_guard import FLOOR_ACTIONS


class GuardedDeleteBulkAction(DeleteBulkAction):
    @classproperty
    def models(cls):
        return [model for model in get_snippet_models() if is_guarded(model)]

    def get_actionable_objects(self):
        ids = self.request.GET.getlist("id")
        if "all" in ids:
            ids = self.get_all_objects_in_listing_query(self.request.GET.get("childOf"))
        ids = [pk for pk in ids if is_valid_pk(self.model, pk)]
        policy = get_policy(self.model)
        user = self.request.user
        visible = policy.instances_user_has_any_permission_for(user, FLOOR_ACTIONS)
        objects, no_access = [], []
        for obj in visible.filter(pk__in=ids):
            (objects if self.check_perm(obj) else no_access).append(obj)
        if not objects and not no_access:
            raise Http404
        return objects, {"items_with_no_access": no_access}

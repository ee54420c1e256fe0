"""One check for showing and for doing, applied at the viewset level.

A guarded viewset (``guarded.GuardedSnippetViewSetMixin``) passes every
view it constructs through :func:`guard_view_class`, so a view Wagtail adds
in a later release is guarded without being named here:

- a view whose URL names an object (``pk``) looks the object up first (a
  malformed or unknown id is a 404) and refuses anyone who holds no right on
  it at all, by role, object grant or current workflow step;
- a view that checks a permission (``PermissionCheckedMixin``) asks the
  permission policy about that object (``InstancePermissionMixin``), not about
  the model;
- choosers return only objects the user may see, for one id or many.

The snippet action menu (:func:`align_action_menu`) asks the same policy
with the object, so «Опубликовать»/«Снять с публикации» are shown exactly
when the server accepts them.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.snippets.action_menu import PublishMenuItem, UnpublishMenuItem

from ..lookups import get_by_pk_or_404
from ..permissions import get_policy, is_guarded

# Any one of these on the object lets a user open a view of it at all; the
# view then checks the action it performs.
FLOOR_ACTIONS = ("view", "change", "delete", "publish", "lock", "unlock")


def user_may_see(user, obj):
    """Some right on ``obj``: by role, by object grant, or as its reviewer."""
    policy = get_policy(type(obj))
    if policy.user_has_any_permission_for_instance(user, FLOOR_ACTIONS, obj):
        return True
    if getattr(obj, "locked_by_id", None) == user.pk:
        return True
    task = getattr(obj, "current_workflow_task", None)
    return bool(task and task.user_can_access_editor(obj, user))


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


class ObjectGuardMixin:
    """Refuse a view of an object to anyone with no right on it."""

    guard_pk_kwarg = "pk"

    def setup(self, request, *args, **kwargs):
        # Before the view's own ``setup``: some Wagtail views fetch the
        # object there, and a malformed id must not reach the database.
        pk = kwargs.get(self.guard_pk_kwarg)
        model = getattr(self, "model", None) or getattr(self, "model_class", None)
        if pk is not None and model is not None and is_guarded(model):
            obj = get_by_pk_or_404(model._default_manager, unquote(str(pk)))
            if not user_may_see(request.user, obj):
                raise PermissionDenied
        super().setup(request, *args, **kwargs)


def guard_view_class(view_class):
    """``view_class`` with the object guard and per-instance permission checks."""
    if getattr(view_class, "_mentoring_guarded", False):
        return view_class
    bases = [ObjectGuardMixin]
    if issubclass(view_class, PermissionCheckedMixin) and not issubclass(
        view_class, InstancePermissionMixin
    ):
        bases.append(InstancePermissionMixin)
    return type(
        f"Guarded{view_class.__name__}",
        (*bases, view_class),
        {"_mentoring_guarded": True},
    )


class GuardedViewSetMixin:
    """Put first in a viewset's bases: every view it builds is guarded."""

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(guard_view_class(view_class), **kwargs)


# The action menu ------------------------------------------------------------


def align_action_menu(menu_items, request, context):
    """``construct_snippet_action_menu``: publish items follow the policy."""
    model = context.get("model")
    if model is None or not is_guarded(model):
        return
    instance = context.get("instance")
    policy = get_policy(model)
    user = request.user
    if instance is not None and instance.pk is not None:
        may_publish = policy.user_has_permission_for_instance(user, "publish", instance)
    else:
        may_publish = policy.user_has_model_permission(user, "publish")
    locked = context.get("locked_for_user")
    wanted = {
        "action-publish": may_publish and not locked,
        "action-unpublish": (
            may_publish
            and not locked
            and context.get("view") == "edit"
            and bool(getattr(instance, "live", False))
        ),
    }
    factories = {
        "action-publish": lambda: PublishMenuItem(order=30),
        "action-unpublish": lambda: UnpublishMenuItem(order=20),
    }
    names = {item.name for item in menu_items}
    menu_items[:] = [
        item for item in menu_items if wanted.get(item.name, True) is not False
    ]
    for name, shown in wanted.items():
        if shown and name not in names and context.get("draftstate_enabled"):
            menu_items.append(factories[name]())
    menu_items.sort(key=lambda item: item.order)

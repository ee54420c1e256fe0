"""Who may see and change the programme's people: one policy per model.

``ParticipantsPermissionPolicy`` is the core's ``GuardianPermissionPolicy``
(model permissions from the roles, plus guardian object grants) with one more
source of rights: a mentor signed in as the site user linked to their
``Person`` holds a few actions on *their own* groups and what hangs on them
(``OWN_SCOPES``). Wagtail's menus, listings, buttons and views all ask the
registered policy, and the participants' views ask it too, so what the admin
shows and what the server accepts are one decision.

Hidden people (withdrawn consent, erased) never appear in the mentor's scope
and are filtered out of listings by the views (``Person.objects.visible()``).
"""

from django.apps import apps
from django.db.models import Q
from wagtail.permissions import policy_registry, register_permission_policy

from mentoring_wagtail.access.permissions import GuardianPermissionPolicy

from .models import MentoringGroup

_OWN = "mentor__person__user"


def _own_group_q(prefix, user):
    return Q(
        **{f"{prefix}{_OWN}": user, f"{prefix}mentor__person__erased_at__isnull": True}
    )


# model name → (actions a mentor holds on their own objects, Q of their own objects)
OWN_SCOPES = {
    "mentoringgroup": (("view",), lambda user: _own_group_q("", user)),
    "groupmembership": (("view",), lambda user: _own_group_q("group__", user)),
    "mentee": (
        ("view",),
        lambda user: _own_group_q("memberships__group__", user),
    ),
    "person": (
        ("view",),
        lambda user: Q(user=user) | _own_group_q("mentee__memberships__group__", user),
    ),
    "mentor": (("view",), lambda user: Q(person__user=user)),
    "meeting": (("view", "add", "change"), lambda user: _own_group_q("group__", user)),
    "groupplantask": (
        ("view", "add", "change"),
        lambda user: _own_group_q("group__", user),
    ),
}


def is_mentor_user(user):
    """The user is linked to a mentor with at least one group."""
    if not (user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_mentoring_is_mentor", None)
    if cached is None:
        cached = MentoringGroup.objects.for_mentor_user(user).exists()
        user._mentoring_is_mentor = cached
    return cached


class ParticipantsPermissionPolicy(GuardianPermissionPolicy):
    def _own_scope(self, actions):
        scope = OWN_SCOPES.get(self.model_name)
        if scope is None or not set(actions) & set(scope[0]):
            return None
        return scope[1]

    def user_has_any_permission(self, user, actions):
        if super().user_has_any_permission(user, actions):
            return True
        return bool(self._own_scope(actions)) and is_mentor_user(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if super().user_has_any_permission_for_instance(user, actions, instance):
            return True
        scope = self._own_scope(actions)
        if scope is None or not is_mentor_user(user) or instance.pk is None:
            return False
        return self.model._default_manager.filter(scope(user), pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        granted = super().instances_user_has_any_permission_for(user, actions)
        scope = self._own_scope(actions)
        if scope is None or not is_mentor_user(user):
            return granted
        manager = self.model._default_manager
        own = manager.filter(scope(user)).values("pk")
        return manager.filter(Q(pk__in=granted.values("pk")) | Q(pk__in=own))


def participant_models():
    return list(apps.get_app_config("mentoring_participants").get_models())


def register_policies():
    if not apps.is_installed("guardian"):
        return
    for model in participant_models():
        if policy_registry.get_by_type(model, fallback=False) is None:
            register_permission_policy(model, ParticipantsPermissionPolicy(model))


def get_policy(model):
    return policy_registry.get_by_type(model)


def can(user, action, obj_or_model):
    """The one check the participants' own views use."""
    if isinstance(obj_or_model, type):
        return get_policy(obj_or_model).user_has_permission(user, action)
    return get_policy(type(obj_or_model)).user_has_permission_for_instance(
        user, action, obj_or_model
    )

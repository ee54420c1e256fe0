"""Who may do what: model permissions from groups plus per-object rights.

Snippets and other non-page models use ``GuardianPermissionPolicy``: a
Wagtail permission policy that grants an action when the user holds the
model permission (through a group or directly) **or** a django-guardian
object permission on that very instance, like a Plone local role. Wagtail's
menus, listings, buttons and views ask the registered policy, so they all
agree with it once the policy is registered for the model
(``register_guarded_models`` runs in ``AppConfig.ready``) and the viewset
uses the instance-checking views of ``access/admin/guarded.py``.

Pages are different on purpose. Wagtail's page explorer, listings, choosers,
page actions and workflows read ``GroupPagePermission`` rows through
``PagePermissionPolicy`` and ``PagePermissionTester``; a guardian grant on a
page would open its edit view but leave the page out of the explorer and the
«pages awaiting moderation» lists. So a page is shared the way Wagtail itself
scopes rights: a *local group* per page («ответственные»), holding
``GroupPagePermission`` rows on that page only, with the responsible users as
its members. The page's own sharing view manages that group.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.functional import cached_property
from wagtail.models import GroupPagePermission
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from . import site_scope
from .site_roles import role_of_group_name, site_id_of_name

# Models of the package whose viewsets check per-object rights. Models that
# do not exist (yet) are skipped, so features can land one at a time.
GUARDED_MODELS = (
    "mentoring_wagtail.Order",
    "mentoring_wagtail.Regulation",
    "mentoring_wagtail.MentoringProgramme",
    "mentoring_wagtail.ProgrammeDocument",
    "mentoring_wagtail.MentorPortfolio",
)

# Actions a sharing grant may give on an object, in the order shown.
SHAREABLE_ACTIONS = ("view", "change", "delete", "publish")

# The page permissions a member of a page's local group gets on that page.
PAGE_LOCAL_ROLE_PERMISSIONS = ("add_page", "change_page", "view_page")


class GuardianPermissionPolicy(ModelPermissionPolicy):
    """Model permissions plus guardian object permissions, and optionally ownership.

    ``owner_field_name``: a user who may add instances may also view, change
    and delete the ones they own (a mentor's own portfolio), as Wagtail's
    ``OwnershipPermissionPolicy`` does for documents.
    """

    def __init__(self, model, auth_model=None, owner_field_name=None):
        super().__init__(model, auth_model=auth_model)
        self.owner_field_name = owner_field_name

    @property
    def permission_cache_name(self):
        return f"_mentoring_object_perms_{self.app_label}_{self.model_name}"

    def _is_active_superuser(self, user):
        return user.is_active and user.is_superuser

    def get_all_permissions_for_user(self, user):
        """Codenames the user holds on at least one object of this model."""
        # deferred: django-guardian may be missing; the system checks report it (E001)
        from guardian.models import GroupObjectPermission, UserObjectPermission

        if not user.is_authenticated or not user.is_active:
            return set()
        user_perms = UserObjectPermission.objects.filter(
            user=user, content_type=self._content_type
        ).values_list("permission__codename", flat=True)
        group_perms = GroupObjectPermission.objects.filter(
            group__user=user, content_type=self._content_type
        ).values_list("permission__codename", flat=True)
        return set(user_perms) | set(group_perms)

    @cached_property
    def site_scoped(self):
        """Records belong to a school (``site_scope``): a per-site role covers
        its school's only. A model global by nature says so explicitly."""
        return site_scope.is_site_scoped(self.model)

    def _role_grants(self, user):
        """``(content type id, codename)`` → the site ids a role grants it on,
        or None where it is granted on every site; read once per user object."""
        grants = getattr(user, "_mentoring_role_grants", None)
        if grants is not None:
            return grants
        grants = dict.fromkeys(
            user.user_permissions.values_list("content_type_id", "codename")
        )
        rows = user.groups.filter(permissions__isnull=False).values_list(
            "name", "permissions__content_type_id", "permissions__codename"
        )
        for name, content_type_id, codename in rows:
            key = (content_type_id, codename)
            site_id = site_id_of_name(name) if role_of_group_name(name) else None
            if site_id is None:
                grants[key] = None
            elif key not in grants:
                grants[key] = {site_id}
            elif grants[key] is not None:
                grants[key].add(site_id)
        user._mentoring_role_grants = grants
        return grants

    def role_sites(self, user, actions):
        """Where the user's roles allow one of ``actions``.

        None: on every record (superuser, a plain group, a direct permission,
        or a model global by nature); otherwise the set of site ids, maybe empty.
        """
        if not user.is_authenticated or not user.is_active:
            return set()
        if user.is_superuser:
            return None
        if not any(user.has_perm(self._get_permission_name(a)) for a in actions):
            return set()
        if not self.site_scoped:
            return None
        grants = self._role_grants(user)
        sites = set()
        for codename in self._get_permission_codenames(actions):
            key = (self._content_type.pk, codename)
            if key not in grants:
                continue
            if grants[key] is None:
                return None
            sites |= grants[key]
        # Held through another authentication backend: not ours to confine.
        return sites or None

    def user_has_role_permission_for_instance(self, user, actions, instance):
        """The user's roles (not object grants) allow one of ``actions`` here."""
        sites = self.role_sites(user, actions)
        return sites is None or site_scope.site_id_of(instance) in sites

    def _owner_actions(self, actions):
        return self.owner_field_name and set(actions) & {"view", "change", "delete"}

    # Model-level questions: "may the user do this to some instance?"
    def user_has_any_permission(self, user, actions):
        if not user.is_authenticated or not user.is_active:
            return False
        if any(user.has_perm(self._get_permission_name(a)) for a in actions):
            return True
        if self._owner_actions(actions) and user.has_perm(
            self._get_permission_name("add")
        ):
            return True
        object_perms = self.get_cached_permissions_for_user(user)
        return bool(self._get_permission_codenames(actions) & object_perms)

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_model_permission(self, user, action):
        """The permission on every record by role, without object grants.

        A per-site role does not count: it covers its site's records only.
        """
        return user.is_active and self.role_sites(user, [action]) is None

    def _permissions(self, codenames):
        return Permission.objects.filter(
            content_type=self._content_type, codename__in=codenames
        )

    def _model_permission_q(self, permissions):
        """Users holding one of ``permissions`` for the whole model."""
        return (
            Q(is_superuser=True)
            | Q(user_permissions__in=permissions)
            | Q(groups__permissions__in=permissions)
        )

    def users_with_any_permission(self, actions):
        permissions = self._permissions(self._get_permission_codenames(actions))
        q = (
            self._model_permission_q(permissions)
            | Q(userobjectpermission__permission__in=permissions)
            | Q(groups__groupobjectpermission__permission__in=permissions)
        )
        return get_user_model().objects.filter(q, is_active=True).distinct()

    # Instance questions.
    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        if self.user_has_role_permission_for_instance(user, actions, instance):
            return True
        checker = self.get_object_checker(user)
        codenames = self._get_permission_codenames(actions)
        if any(checker.has_perm(codename, instance) for codename in codenames):
            return True
        return bool(
            self._owner_actions(actions)
            and user.has_perm(self._get_permission_name("add"))
            and getattr(instance, f"{self.owner_field_name}_id", None) == user.pk
        )

    def get_object_checker(self, user):
        """guardian's per-request cache of the user's object permissions."""
        # deferred: django-guardian may be missing; the system checks report it (E001)
        from guardian.core import ObjectPermissionChecker

        checker = getattr(user, "_mentoring_object_checker", None)
        if checker is None:
            checker = ObjectPermissionChecker(user)
            user._mentoring_object_checker = checker
        return checker

    def prefetch_for(self, user, instances):
        """Load the object permissions of a page of a listing in two queries."""
        instances = [obj for obj in instances if obj.pk is not None]
        if not instances or not user.is_authenticated or not user.is_active:
            return
        if user.is_superuser or self.user_has_model_permission(user, "change"):
            return  # answered without looking at objects
        if self.site_scoped:
            site_scope.prefetch_site_ids(instances)
        self.get_object_checker(user).prefetch_perms(instances)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if not user.is_authenticated or not user.is_active:
            return manager.none()
        sites = self.role_sites(user, actions)
        if sites is None:
            return manager.all()
        # deferred: django-guardian may be missing; the system checks report it (E001)
        from guardian.shortcuts import get_objects_for_user

        granted = get_objects_for_user(
            user,
            [f"{self.app_label}.{c}" for c in self._get_permission_codenames(actions)],
            klass=manager.all(),
            any_perm=True,
            accept_global_perms=False,
            with_superuser=False,
        )
        q = Q(pk__in=granted.values("pk"))
        if sites:
            q |= site_scope.sites_q(self.model, sites)
        if self._owner_actions(actions) and user.has_perm(
            self._get_permission_name("add")
        ):
            q |= Q(**{self.owner_field_name: user})
        return manager.filter(q)

    def users_with_any_permission_for_instance(self, actions, instance):
        codenames = self._get_permission_codenames(actions)
        object_q = Q(
            userobjectpermission__permission__codename__in=codenames,
            userobjectpermission__content_type=self._content_type,
            userobjectpermission__object_pk=str(instance.pk),
        ) | Q(
            groups__groupobjectpermission__permission__codename__in=codenames,
            groups__groupobjectpermission__content_type=self._content_type,
            groups__groupobjectpermission__object_pk=str(instance.pk),
        )
        permissions = self._permissions(codenames)
        if self.site_scoped:
            model_q = (
                Q(is_superuser=True)
                | Q(user_permissions__in=permissions)
                | Q(groups__in=self._groups_covering(permissions, instance))
            )
        else:
            model_q = self._model_permission_q(permissions)
        return (
            get_user_model()
            .objects.filter(object_q | model_q, is_active=True)
            .distinct()
        )

    def _groups_covering(self, permissions, instance):
        """Groups holding ``permissions`` for ``instance``'s site: the plain
        ones and that site's role groups, not another site's."""
        site_id = site_scope.site_id_of(instance)
        return [
            group.pk
            for group in Group.objects.filter(permissions__in=permissions).distinct()
            if not role_of_group_name(group.name)
            or site_id_of_name(group.name) in (None, site_id)
        ]


def get_policy(model):
    return policy_registry.get_by_type(model)


def is_guarded(model):
    return isinstance(policy_registry.get_by_type(model), GuardianPermissionPolicy)


def register_guarded_models():
    """Register the guardian policy for every guarded model that exists.

    Called from ``AppConfig.ready`` so the policy is in place before any
    viewset asks the registry (which would otherwise create a fallback).
    Without guardian installed (a system check says so) nothing is registered.
    """
    if not apps.is_installed("guardian"):
        return
    for label in GUARDED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        if policy_registry.get_by_type(model, fallback=False) is None:
            owner = "owner" if _has_field(model, "owner") else None
            register_permission_policy(
                model, GuardianPermissionPolicy(model, owner_field_name=owner)
            )


def _has_field(model, name):
    return any(f.name == name for f in model._meta.get_fields())


# Pages: local groups holding GroupPagePermission on one page.


# Keyed by the page's id, never its title: a renamed page keeps its group,
# and «Доступ» shows the page's current title. Migration 0002 renamed the
# groups of the title-keyed scheme.
LOCAL_GROUP_PREFIX = "mentoring-page-responsible-"


def page_local_group_name(page):
    return f"{LOCAL_GROUP_PREFIX}{page.pk}"


def page_id_of_local_group(group):
    """The page id a responsible group is for, or None for any other group."""
    name = group.name or ""
    if not name.startswith(LOCAL_GROUP_PREFIX):
        return None
    suffix = name[len(LOCAL_GROUP_PREFIX) :]
    return int(suffix) if suffix.isdigit() else None


def local_groups():
    return Group.objects.filter(name__startswith=LOCAL_GROUP_PREFIX)


def get_page_local_group(page, create=False):
    name = page_local_group_name(page)
    group = Group.objects.filter(name=name).first()
    if group is None and create:
        group = Group.objects.create(name=name)
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
        )
        for codename in PAGE_LOCAL_ROLE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    return group


def make_responsible_for_page(user, page):
    """Let ``user`` edit ``page`` (and pages below it) and nothing more."""
    group = get_page_local_group(page, create=True)
    group.user_set.add(user)
    return group


def remove_responsible_for_page(user, page):
    group = get_page_local_group(page)
    if group is not None:
        group.user_set.remove(user)

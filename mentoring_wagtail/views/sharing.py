"""«Доступ»: who may do what to one object, like Plone's Sharing tab.

Snippets (orders, regulations, portfolios …) get django-guardian object
permissions for a user or a group. Pages get a member in the page's local
group (``permissions.make_responsible_for_page``), which holds Wagtail page
permissions on that page alone. Every grant and revocation is written to the
object's audit log.
"""

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from guardian.shortcuts import (
    assign_perm,
    get_groups_with_perms,
    get_users_with_perms,
    remove_perm,
)
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import Page

from ..permissions import (
    SHAREABLE_ACTIONS,
    get_page_local_group,
    get_policy,
    is_guarded,
    make_responsible_for_page,
    remove_responsible_for_page,
)

ACTION_LABELS = {
    "view": gettext_lazy("may view"),
    "change": gettext_lazy("may edit"),
    "delete": gettext_lazy("may delete"),
    "publish": gettext_lazy("may publish"),
}


def sharing_url(obj):
    if isinstance(obj, Page):
        return reverse("mentoring_sharing:page", args=[obj.pk])
    meta = obj._meta
    return reverse(
        "mentoring_sharing:object", args=[meta.app_label, meta.model_name, obj.pk]
    )


def user_can_share(user, obj):
    """Only who holds the right through their role shares it further."""
    if not (user.is_active and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_publish()
    policy = get_policy(type(obj))
    return hasattr(policy, "user_has_model_permission") and (
        policy.user_has_model_permission(user, "change")
    )


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class GrantForm(forms.Form):
    user = PersonField(
        label=gettext_lazy("staff member"),
        queryset=get_user_model().objects.none(),
        required=False,
    )
    group = forms.ModelChoiceField(
        label=gettext_lazy("group"), queryset=Group.objects.none(), required=False
    )
    actions = forms.MultipleChoiceField(
        label=gettext_lazy("rights"),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        required=False,
    )

    def __init__(self, *args, action_choices=(), with_groups=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .order_by("last_name", "first_name", "username")
        )
        if with_groups:
            self.fields["group"].queryset = Group.objects.order_by("name")
        else:
            del self.fields["group"]
        if action_choices:
            self.fields["actions"].choices = action_choices
        else:
            del self.fields["actions"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("user") and not cleaned.get("group"):
            raise forms.ValidationError(_("Choose a person or a group."))
        if "actions" in self.fields and not cleaned.get("actions"):
            raise forms.ValidationError(_("Choose at least one right."))
        return cleaned


class BaseSharingView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "mentoring_wagtail/admin/sharing.html"
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not user_can_share(request.user, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Access")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        from .familiarisation import object_breadcrumbs

        return object_breadcrumbs(self.request.user, self.object, self.get_page_title())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context.update(
            object=self.object, grants=self.get_grants(), edit_url=self.edit_url()
        )
        return context

    def post(self, request, *args, **kwargs):
        if "revoke" in request.POST:
            self.revoke(request.POST["revoke"])
            return redirect(request.path)
        form = self.get_form(request.POST)
        if form.is_valid():
            self.grant(form.cleaned_data)
            messages.success(request, _("Access granted."))
            return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))

    def log_change(self, action, whom, rights):
        log(
            instance=self.object,
            action=action,
            user=self.request.user,
            data={"whom": str(whom), "rights": [str(r) for r in rights]},
        )


class ObjectSharingView(BaseSharingView):
    def get_object(self):
        try:
            model = apps.get_model(self.kwargs["app_label"], self.kwargs["model_name"])
        except LookupError as exc:
            raise Http404 from exc
        if not is_guarded(model):
            raise Http404
        return get_object_or_404(model, pk=self.kwargs["pk"])

    def edit_url(self):
        from wagtail.admin.admin_url_finder import AdminURLFinder

        return AdminURLFinder(self.request.user).get_edit_url(self.object)

    def action_choices(self):
        meta = self.object._meta
        existing = set(
            Permission.objects.filter(
                content_type__app_label=meta.app_label,
                codename__in=[f"{a}_{meta.model_name}" for a in SHAREABLE_ACTIONS],
            ).values_list("codename", flat=True)
        )
        return [
            (f"{action}_{meta.model_name}", ACTION_LABELS[action])
            for action in SHAREABLE_ACTIONS
            if f"{action}_{meta.model_name}" in existing
        ]

    def get_form(self, data=None):
        return GrantForm(data, action_choices=self.action_choices())

    def _label(self, codename):
        return ACTION_LABELS.get(codename.rsplit("_", 1)[0], codename)

    def get_grants(self):
        grants = []
        users = get_users_with_perms(
            self.object, attach_perms=True, with_group_users=False
        )
        for user, codenames in users.items():
            for codename in codenames:
                grants.append(
                    {
                        "whom": user.get_full_name() or user.get_username(),
                        "kind": _("staff member"),
                        "right": self._label(codename),
                        "revoke": f"user:{user.pk}:{codename}",
                    }
                )
        groups = get_groups_with_perms(self.object, attach_perms=True)
        for group, codenames in groups.items():
            for codename in codenames:
                grants.append(
                    {
                        "whom": group.name,
                        "kind": _("group"),
                        "right": self._label(codename),
                        "revoke": f"group:{group.pk}:{codename}",
                    }
                )
        return grants

    def grant(self, data):
        allowed = {codename for codename, _label in self.action_choices()}
        rights = [codename for codename in data["actions"] if codename in allowed]
        for holder in filter(None, [data.get("user"), data.get("group")]):
            for codename in rights:
                assign_perm(
                    f"{self.object._meta.app_label}.{codename}", holder, self.object
                )
            self.log_change(
                "mentoring_wagtail.sharing.grant",
                holder,
                [self._label(c) for c in rights],
            )

    def revoke(self, value):
        try:
            kind, pk, codename = value.split(":", 2)
        except ValueError as exc:
            raise Http404 from exc
        if codename not in dict(self.action_choices()):
            raise Http404
        model = get_user_model() if kind == "user" else Group
        holder = get_object_or_404(model, pk=pk)
        remove_perm(f"{self.object._meta.app_label}.{codename}", holder, self.object)
        self.log_change(
            "mentoring_wagtail.sharing.revoke", holder, [self._label(codename)]
        )
        messages.success(self.request, _("Access revoked."))


class PageSharingView(BaseSharingView):
    def get_object(self):
        return get_object_or_404(Page, pk=self.kwargs["page_id"]).specific

    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.object.pk])

    def get_form(self, data=None):
        return GrantForm(data, with_groups=False)

    def get_grants(self):
        group = get_page_local_group(self.object)
        if group is None:
            return []
        return [
            {
                "whom": user.get_full_name() or user.get_username(),
                "kind": _("staff member"),
                "right": _("edit this page and the pages below it"),
                "revoke": f"user:{user.pk}",
            }
            for user in group.user_set.order_by("last_name", "username")
        ]

    def grant(self, data):
        make_responsible_for_page(data["user"], self.object)
        self.log_change(
            "mentoring_wagtail.sharing.grant", data["user"], [_("responsible")]
        )

    def revoke(self, value):
        kind, _sep, pk = value.partition(":")
        if kind != "user":
            raise Http404
        user = get_object_or_404(get_user_model(), pk=pk)
        remove_responsible_for_page(user, self.object)
        self.log_change("mentoring_wagtail.sharing.revoke", user, [_("responsible")])
        messages.success(self.request, _("Access revoked."))


app_name = "mentoring_sharing"

urlpatterns = [
    path("page/<int:page_id>/", PageSharingView.as_view(), name="page"),
    path(
        "<str:app_label>/<str:model_name>/<str:pk>/",
        ObjectSharingView.as_view(),
        name="object",
    ),
]

"""«Доступ»'s screens: who may do what to one object, like Plone's Sharing tab.

Snippets (orders, regulations, portfolios …) get django-guardian object
permissions for a user or a staff role. Pages get a member in the page's
local group (``permissions.make_responsible_for_page``), which holds Wagtail
page permissions on that page alone. What may be granted, to whom and by whom
is ``access.delegation``'s rule, applied to the form and to a forged POST
alike; ``access.audit`` writes every grant and revocation to the audit log.
"""

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from guardian.shortcuts import get_groups_with_perms, get_users_with_perms
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .. import delegation
from ..audit import holder_label
from ..lookups import get_by_pk_or_404
from ..permissions import SHAREABLE_ACTIONS, get_page_local_group, is_guarded
from ..sharing import ACTION_LABELS, user_can_share
from ..site_roles import other_schools_staff_ids
from ..site_scope import site_id_of
from .breadcrumbs import object_breadcrumbs


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

    def __init__(
        self, *args, granter, action_choices=(), with_groups=True, obj=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.granter = granter
        # Nobody grants themselves anything: not offered, and refused if forged.
        # Nor is another school's staff offered (or accepted) on this school's
        # record.
        site_id = site_id_of(obj) if obj is not None else None
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .exclude(pk=granter.pk)
            .exclude(pk__in=other_schools_staff_ids(site_id) if site_id else ())
            .order_by("last_name", "first_name", "username")
        )
        if with_groups:
            self.fields["group"].queryset = delegation.role_groups(obj).exclude(
                user=granter
            )
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


def refuse(request, error):
    """A refused grant or revocation: the reason, and nothing changed."""
    messages.error(request, str(error.args[0]) if error.args else _("Refused."))
    return redirect(request.path)


class BaseSharingView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "mentoring_wagtail/access/sharing.html"
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
            try:
                self.revoke(request.POST["revoke"])
            except PermissionDenied as error:
                return refuse(request, error)
            messages.success(request, _("Access revoked."))
            return redirect(request.path)
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                self.grant(form.cleaned_data)
            except PermissionDenied as error:
                return refuse(request, error)
            messages.success(request, _("Access granted."))
            return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))

    def get_holder(self, kind, pk):
        model = {"user": get_user_model(), "group": Group}.get(kind)
        if model is None:
            raise Http404
        return get_by_pk_or_404(model, pk)


class ObjectSharingView(BaseSharingView):
    def get_object(self):
        try:
            model = apps.get_model(self.kwargs["app_label"], self.kwargs["model_name"])
        except LookupError as exc:
            raise Http404 from exc
        if not is_guarded(model):
            raise Http404
        return get_by_pk_or_404(model, self.kwargs["pk"])

    def edit_url(self):
        return AdminURLFinder(self.request.user).get_edit_url(self.object)

    def action_choices(self, actions=None):
        """The rights the user may grant here (``delegation``), as choices."""
        meta = self.object._meta
        if actions is None:
            actions = delegation.grantable_actions(self.request.user, self.object)
        existing = set(
            Permission.objects.filter(
                content_type__app_label=meta.app_label,
                codename__in=[f"{a}_{meta.model_name}" for a in SHAREABLE_ACTIONS],
            ).values_list("codename", flat=True)
        )
        return [
            (f"{action}_{meta.model_name}", ACTION_LABELS[action])
            for action in SHAREABLE_ACTIONS
            if action in actions and f"{action}_{meta.model_name}" in existing
        ]

    def get_form(self, data=None):
        return GrantForm(
            data,
            granter=self.request.user,
            action_choices=self.action_choices(),
            obj=self.object,
        )

    def _label(self, codename):
        return ACTION_LABELS.get(codename.rsplit("_", 1)[0], codename)

    def get_grants(self):
        grants = []
        user = self.request.user
        revocable = set(delegation.revocable_actions(user, self.object))

        def row(holder, kind, codename, key):
            may_revoke = delegation.action_of(codename) in revocable and not (
                delegation.is_self(user, holder)
            )
            return {
                "whom": holder_label(holder),
                "kind": kind,
                "right": self._label(codename),
                "revoke": f"{key}:{holder.pk}:{codename}" if may_revoke else "",
            }

        users = get_users_with_perms(
            self.object, attach_perms=True, with_group_users=False
        )
        for holder, codenames in users.items():
            grants += [row(holder, _("staff member"), c, "user") for c in codenames]
        groups = get_groups_with_perms(self.object, attach_perms=True)
        for holder, codenames in groups.items():
            grants += [row(holder, _("group"), c, "group") for c in codenames]
        return grants

    def grant(self, data):
        # The form offers only grantable rights; ``delegation`` checks again,
        # so the rule holds whatever was posted.
        for holder in filter(None, [data.get("user"), data.get("group")]):
            for codename in data["actions"]:
                delegation.grant_object_right(
                    self.request.user,
                    holder,
                    self.object,
                    delegation.action_of(codename),
                )

    def revoke(self, value):
        try:
            kind, pk, codename = value.split(":", 2)
        except ValueError as exc:
            raise Http404 from exc
        holder = self.get_holder(kind, pk)
        meta = self.object._meta
        action = delegation.action_of(codename)
        if codename != f"{action}_{meta.model_name}":
            raise Http404
        delegation.revoke_object_right(self.request.user, holder, self.object, action)


class PageSharingView(BaseSharingView):
    def get_object(self):
        return get_by_pk_or_404(Page, self.kwargs["page_id"]).specific

    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.object.pk])

    def get_form(self, data=None):
        return GrantForm(
            data, granter=self.request.user, with_groups=False, obj=self.object
        )

    def get_grants(self):
        group = get_page_local_group(self.object)
        if group is None:
            return []
        me = self.request.user
        return [
            {
                "whom": holder_label(user),
                "kind": _("staff member"),
                "right": _("edit this page and the pages below it"),
                "revoke": "" if user.pk == me.pk else f"user:{user.pk}",
            }
            for user in group.user_set.order_by("last_name", "username")
        ]

    def grant(self, data):
        delegation.grant_page(self.request.user, data["user"], self.object)

    def revoke(self, value):
        kind, _sep, pk = value.partition(":")
        if kind != "user":
            raise Http404
        user = self.get_holder(kind, pk)
        delegation.revoke_page(self.request.user, user, self.object)


app_name = "mentoring_sharing"

urlpatterns = [
    path("page/<int:page_id>/", PageSharingView.as_view(), name="page"),
    path(
        "<str:app_label>/<str:model_name>/<str:pk>/",
        ObjectSharingView.as_view(),
        name="object",
    ),
]

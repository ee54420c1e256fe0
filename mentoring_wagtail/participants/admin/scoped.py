"""Generic model views that ask the permission policy about the object at hand.

Wagtail's generic views check model-level permissions only; a mentor holds
«view» on *their own* groups, not on every group. These views filter listings
to what the policy allows, repeat the check on the object of an edit, delete,
inspect, history or usage view, hide people whose consent was withdrawn or
whose data was erased, and log the opening of a personal card.
"""

from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log

from mentoring_wagtail.admin_values import HumaneIndexMixin, HumaneInspectMixin

from ..audit import WITHDRAW_CONSENT, log_view_card
from ..choices import PersonKind
from ..models import Person
from ..models.people import only_visible
from .bases import base_buttons
from .fixing_order import may_draft
from .matching import mentee_buttons
from .privacy import person_buttons

LISTING_ACTIONS = ("view", "change")


def visible_filter(model):
    """The lookup of the person behind ``model``'s rows, for ``visible()``."""
    return {
        "person": "",
        "mentor": "person__",
        "mentee": "person__",
        "personaldataconsent": "person__",
        "mentorcourse": "mentor__person__",
    }.get(model._meta.model_name)


def restrict_to_visible(queryset):
    prefix = visible_filter(queryset.model)
    if prefix is None:
        return queryset
    return only_visible(queryset, prefix)


class ScopedObjectMixin:
    """Checks the policy on the view's object; 404 for hidden people."""

    def _scoped_object(self):
        # Some generic views (edit) load their object only in get()/post(),
        # after the permission check: load it here so the check sees it.
        obj = getattr(self, "object", None)
        if obj is None and self.kwargs.get(getattr(self, "pk_url_kwarg", "pk")):
            obj = self.object = self.get_object()
        return obj

    def user_has_permission(self, permission):
        if not super().user_has_permission(permission):
            return False
        obj = self._scoped_object()
        if obj is None or getattr(obj, "pk", None) is None:
            return True
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, permission, obj
        )

    def user_has_any_permission(self, permissions):
        if not super().user_has_any_permission(permissions):
            return False
        obj = self._scoped_object()
        if obj is None or getattr(obj, "pk", None) is None:
            return True
        return self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, permissions, obj
        )

    def get_object(self, *args, **kwargs):
        # Wagtail's history and usage views take no queryset, Django's do.
        obj = super().get_object(*args, **kwargs)
        if not restrict_to_visible(
            type(obj)._default_manager.filter(pk=obj.pk)
        ).exists():
            raise Http404
        return obj


class LoggedOpeningMixin:
    """Opening a person's data (their card or its edit form) is logged."""

    #: Models whose opening is logged (personal data).
    logged_models = ("person", "mentee", "mentor")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.model._meta.model_name in self.logged_models:
            log_view_card(self.object, request.user)
        return response


class ScopedIndexView(HumaneIndexMixin, generic.IndexView):
    template_name = "mentoring_wagtail/participants/index.html"
    #: Called per request: the viewset's queryset with its joins and prefetches.
    listing_queryset = None

    def get_base_queryset(self):
        if self.listing_queryset is not None:
            queryset = self.listing_queryset()
        else:
            queryset = super().get_base_queryset()
        allowed = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, LISTING_ACTIONS
        )
        queryset = queryset.filter(pk__in=allowed.values("pk"))
        return restrict_to_visible(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        prefix = visible_filter(self.model)
        if prefix is not None and self.permission_policy.user_has_permission(
            self.request.user, "change"
        ):
            context["hidden_people_count"] = (
                Person.objects.filter(erased_at__isnull=True).withdrawn().count()
            )
        return context


class ScopedEditView(LoggedOpeningMixin, ScopedObjectMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedInspectView(
    HumaneInspectMixin, LoggedOpeningMixin, ScopedObjectMixin, generic.InspectView
):
    @property
    def list_labels(self):
        return {"mentor_kinds": PersonKind, "mentee_kinds": PersonKind}

    def get_field_label(self, field_name, field):
        if "__" not in field_name:
            return super().get_field_label(field_name, field)
        model = self.model
        for part in field_name.split("__"):
            field = model._meta.get_field(part)
            model = field.related_model or model
        return capfirst(field.verbose_name)

    def get_field_display_value(self, field_name, field):
        if "__" not in field_name:
            return super().get_field_display_value(field_name, field)
        *path, last = field_name.split("__")
        obj = self.object
        for part in path:
            obj = getattr(obj, part)
        display = getattr(obj, f"get_{last}_display", None)
        value = display() if display else getattr(obj, last)
        return "—" if value in (None, "") else value

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)

        person = (
            self.object
            if isinstance(self.object, Person)
            else getattr(self.object, "person", None)
        )
        if person is not None:
            buttons.extend(person_buttons(self.request.user, person))
        if self.model._meta.model_name == "mentee":
            buttons.extend(mentee_buttons(self.request.user, self.object))
        return buttons


class ScopedHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, usage.UsageView):
    pass


class ConsentEditView(ScopedEditView):
    """Logs a withdrawal as such, beside Wagtail's own «edited» entry."""

    def save_instance(self):
        was_withdrawn = type(self.object).objects.get(pk=self.object.pk).withdrawn_on
        instance = super().save_instance()
        if instance.withdrawn_on and not was_withdrawn:
            log(instance.person, WITHDRAW_CONSENT, user=self.request.user)
        return instance


class GroupIndexView(ScopedIndexView):
    """The groups listing, with «Сформировать приказ о закреплении пар»."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if may_draft(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Draft the order fixing the pairs"),
                    url=reverse("mentoring_fixing_order:draft"),
                    icon_name="doc-full",
                )
            )
        return buttons


class BaseIndexView(ScopedIndexView):
    """The mentor and mentee bases, with import from Excel and export."""

    base = None

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            *base_buttons(self.request.user, self.base),
        ]

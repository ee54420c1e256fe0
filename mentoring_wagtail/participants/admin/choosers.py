"""Choosers for the mentor and the mentees of a group (Wagtail ``ChooserViewSet``).

A form offering the whole base as a ``<select>`` grows with the base (seconds
at 3 000 mentees); a chooser renders only what is chosen and searches the base
page by page in a modal. Every view offers and returns only the people
``choosable`` allows, the rule the group form validates with, and, when the
form opened it for a record, only that record's school's people
(``access.admin.chooser_scope``), whatever the user's role.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from mentoring_wagtail.access.admin.chooser_scope import LinkedSchoolMixin
from mentoring_wagtail.access.lookups import is_valid_pk
from mentoring_wagtail.access.school_links import confine_to_linked_school

from .. import models
from ..choosable import choosable
from ..permissions import get_policy
from .widgets import ScopedChooser

SEARCHED = ("last_name", "first_name", "patronymic", "class_or_group")


class PersonSearchForm(BaseFilterForm):
    """Search by name or class: plain lookups, no search index needed."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Last name, name or class")}),
        required=False,
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if not query:
            return objects
        self.is_searching = True
        self.search_query = query
        condition = Q()
        for word in query.split():
            matches = Q()
            # SQLite folds the case of ASCII letters only: try the usual
            # spellings of a Cyrillic word ("иванова", "Иванова", "ИВАНОВА").
            for form in {word, word.lower(), word.capitalize(), word.upper()}:
                for field in SEARCHED:
                    matches |= Q(**{f"person__{field}__icontains": form})
            condition &= matches
        return objects.filter(condition)


class PolicyCheckedMixin:
    """Nobody without a right on the model opens the chooser at all (an empty
    list would still tell them the base exists and answer their requests)."""

    def dispatch(self, request, *args, **kwargs):
        policy = get_policy(self.model_class)
        if not policy.user_has_any_permission(request.user, ("view", "change")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedListMixin(PolicyCheckedMixin, LinkedSchoolMixin):
    filter_form_class = PersonSearchForm
    ordering = ("person__last_name", "person__first_name", "pk")
    extra_columns = ()

    def get_object_list(self):
        people = choosable(self.model_class._default_manager.all(), self.request.user)
        return confine_to_linked_school(people, self.request.GET)

    @property
    def columns(self):
        return [*super().columns, *self.extra_columns]


class ScopedChosenView(PolicyCheckedMixin, LinkedSchoolMixin, chooser_views.ChosenView):
    def get_object(self, pk):
        if not is_valid_pk(self.model_class, pk):
            raise Http404
        people = choosable(self.model_class._default_manager.all(), self.request.user)
        return confine_to_linked_school(people, self.request.GET).get(pk=pk)


class ScopedChosenMultipleView(
    PolicyCheckedMixin, LinkedSchoolMixin, chooser_views.ChosenMultipleView
):
    def get_objects(self, pks):
        valid = [pk for pk in pks if is_valid_pk(self.model_class, pk)]
        people = choosable(
            self.model_class._default_manager.filter(pk__in=valid), self.request.user
        )
        return confine_to_linked_school(people, self.request.GET)


def _views(name, columns):
    """Choose and results views of one chooser, with its extra columns."""
    attrs = {"extra_columns": columns}
    return (
        type(f"{name}ChooseView", (ScopedListMixin, chooser_views.ChooseView), attrs),
        type(
            f"{name}ChooseResultsView",
            (ScopedListMixin, chooser_views.ChooseResultsView),
            attrs,
        ),
    )


class PeopleChooserViewSet(ChooserViewSet):
    # The group form sets the widget itself; other forms keep their selects.
    register_widget = False
    base_widget_class = ScopedChooser
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView
    per_page = 20


def _label(model, name):
    return model._meta.get_field(name).verbose_name


_MENTOR_VIEWS = _views(
    "Mentor",
    [
        Column("subject_area", label=_label(models.Mentor, "subject_area")),
        Column(
            "status",
            label=_label(models.Mentor, "status"),
            accessor=lambda mentor: mentor.get_status_display(),
        ),
        Column("capacity", label=_label(models.Mentor, "capacity")),
    ],
)
_MENTEE_VIEWS = _views(
    "Mentee",
    [
        Column(
            "class_or_group",
            label=_label(models.Person, "class_or_group"),
            accessor=lambda mentee: mentee.person.class_or_group or "—",
        ),
        Column(
            "request_kind",
            label=_label(models.Mentee, "request_kind"),
            accessor=lambda mentee: mentee.get_request_kind_display(),
        ),
    ],
)


class MentorChooserViewSet(PeopleChooserViewSet):
    model = models.Mentor
    icon = "user"
    choose_one_text = _("Choose a mentor")
    choose_another_text = _("Choose another mentor")
    edit_item_text = _("Open the mentor")
    choose_view_class, choose_results_view_class = _MENTOR_VIEWS


class MenteeChooserViewSet(PeopleChooserViewSet):
    model = models.Mentee
    icon = "user"
    choose_one_text = _("Choose mentees")
    choose_another_text = _("Choose another mentee")
    edit_item_text = _("Open the mentee")
    choose_view_class, choose_results_view_class = _MENTEE_VIEWS


mentor_chooser_viewset = MentorChooserViewSet("mentoring_mentor_chooser")
mentee_chooser_viewset = MenteeChooserViewSet("mentoring_mentee_chooser")

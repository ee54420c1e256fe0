"""A meeting's attendees are the people of its group (issue 25).

The form offered every person of the school; a curator logging a meeting
picked from hundreds of names. Once the group is known (an existing meeting,
or a form posted back), only its mentor and mentees are offered, and a
posted attendee from outside the group is refused with a message.

A new meeting's form does not know its group yet: it offers the people of
the groups the user may log a meeting for, each checkbox marked with its
groups (``data-member-of``), and ``meeting-attendees.js`` shows only the
chosen group's people (none before a group is chosen), unticking the others.
Without JavaScript the list is the same and the server still refuses outsiders.
"""

from collections import defaultdict

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.staticfiles import versioned_static

from ..models import GroupMembership, Person
from .forms import ParticipantsForm


def member_people(group):
    """The people of ``group``: its mentor and its mentees."""
    return Person.objects.filter(
        Q(pk=group.mentor.person_id) | Q(mentee__memberships__group=group)
    ).distinct()


def groups_of_people(groups):
    """``{person pk: {group pk, …}}``: whose group each person of ``groups`` is."""
    member_of = defaultdict(set)
    for group_pk, person_pk in groups.values_list("pk", "mentor__person_id"):
        member_of[person_pk].add(group_pk)
    memberships = GroupMembership.objects.filter(group__in=groups.values("pk"))
    for group_pk, person_pk in memberships.values_list("group_id", "mentee__person_id"):
        member_of[person_pk].add(group_pk)
    return member_of


class GroupMembersCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes of people, each saying which groups it belongs to."""

    def __init__(self, member_of, group_field_id, attrs=None):
        super().__init__(attrs)
        self.member_of = member_of
        self.attrs["data-group-field"] = group_field_id

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        pk = getattr(value, "value", value)
        groups = self.member_of.get(pk, ())
        option["attrs"]["data-member-of"] = " ".join(str(g) for g in sorted(groups))
        return option

    @property
    def media(self):
        return forms.Media(
            js=[versioned_static("mentoring_wagtail/participants/meeting-attendees.js")]
        )


class MeetingForm(ParticipantsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        group = self._group()
        field = self.fields.get("attendees")
        group_field = self.fields.get("group")
        if field is None or group_field is None:
            return
        if group is not None:
            field.queryset = field.queryset.filter(
                pk__in=member_people(group).values("pk")
            )
            groups = group_field.queryset.filter(pk=group.pk)
        else:
            groups = group_field.queryset
            field.queryset = field.queryset.filter(
                Q(pk__in=groups.values("mentor__person_id"))
                | Q(mentee__memberships__group__in=groups.values("pk"))
            ).distinct()
        field.widget = GroupMembersCheckboxes(
            groups_of_people(groups), self["group"].auto_id
        )
        field.widget.choices = field.choices  # (a field gives its widget its choices)
        field.help_text = gettext_lazy(
            "The mentor and the mentees of the group chosen above."
        )

    def _group(self):
        field = self.fields.get("group")
        raw = self.data.get(self.add_prefix("group")) if self.is_bound else None
        if raw and field is not None:
            try:
                return field.queryset.get(pk=raw)
            except (field.queryset.model.DoesNotExist, ValueError, TypeError):
                return None
        return self.instance.group if self.instance.group_id else None

    def clean(self):
        cleaned = super().clean()
        group, attendees = cleaned.get("group"), cleaned.get("attendees")
        if group is not None and attendees:
            members = set(member_people(group).values_list("pk", flat=True))
            outside = [str(person) for person in attendees if person.pk not in members]
            if outside:
                self.add_error(
                    "attendees",
                    _("Not members of this group: %(names)s.")
                    % {"names": ", ".join(outside)},
                )
        return cleaned

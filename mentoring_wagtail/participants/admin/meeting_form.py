"""A meeting's attendees are the people of its group (issue 25).

The form offered every person of the school; a curator logging a meeting
picked from hundreds of names. Once the group is known (an existing meeting,
or a form posted back), only its mentor and mentees are offered, and a
posted attendee from outside the group is refused with a message.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from ..models import Person
from .forms import ParticipantsForm


def member_people(group):
    """The people of ``group``: its mentor and its mentees."""
    return Person.objects.filter(
        Q(pk=group.mentor.person_id) | Q(mentee__memberships__group=group)
    ).distinct()


class MeetingForm(ParticipantsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        group = self._group()
        field = self.fields.get("attendees")
        if group is not None and field is not None:
            field.queryset = field.queryset.filter(
                pk__in=member_people(group).values("pk")
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

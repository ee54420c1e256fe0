"""Admin forms of the participants: choices limited to what the user may use.

A mentor logging a meeting chooses among their own groups and sees only the
visible people; nobody chooses a hidden (withdrawn or erased) person. The
site field disappears when the installation has one site.
"""

from copy import copy

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

from mentoring_wagtail.access.school_links import SameSchoolFormMixin, link_choosers

from ...choice_ids import CheckedChoiceIdsMixin
from ..choosable import choosable
from ..group_labels import GroupChoiceLabels
from ..membership import composition_errors
from ..models import Mentee, Mentor, MentoringGroup, Person
from ..permissions import get_policy
from .choice_fields import person_label, role_label, use_checkboxes
from .choosers import mentee_chooser_viewset, mentor_chooser_viewset
from .widgets import MultipleChooser


class ParticipantsForm(
    SameSchoolFormMixin, CheckedChoiceIdsMixin, WagtailAdminModelForm
):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        user = self.for_user
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            model = queryset.model
            if model in (Person, Mentee, Mentor):
                # Only visible people the user may see (a mentor: their own).
                field.queryset = choosable(queryset, user)
                if model is Person:
                    field.label_from_instance = person_label
                else:
                    field.queryset = field.queryset.select_related("person")
                    field.label_from_instance = role_label
            elif model is MentoringGroup and user is not None:
                # Meetings and plan tasks go to groups the user may change,
                # or, for a mentor, their own groups.
                allowed = get_policy(
                    MentoringGroup
                ).instances_user_has_any_permission_for(user, ["change"])
                field.queryset = queryset.filter(
                    Q(pk__in=allowed.values("pk")) | Q(mentor__person__user=user)
                )
            if model is MentoringGroup:
                field.label_from_instance = GroupChoiceLabels(field.queryset)
        use_checkboxes(self)
        if "site" in self.fields and user is not None:
            # A per-site role records people and groups of its own school only.
            sites = get_policy(self._meta.model).role_sites(user, ["add", "change"])
            if sites is not None:
                # (An object grant keeps the record where it is.)
                sites = sites | {getattr(self.instance, "site_id", None)}
                field = self.fields["site"]
                field.queryset = field.queryset.filter(pk__in=sites)
        if "site" in self.fields and Site.objects.count() == 1:
            del self.fields["site"]
            if not self.instance.site_id:
                self.instance.site = Site.objects.first()


class GroupForm(ParticipantsForm):
    """A group with its mentees; the membership rule runs before anything is saved.

    Members whose consent was withdrawn are not offered (the field lists
    visible mentees only) and are never dropped by a save. The mentor and the
    mentees are picked with choosers, so the form renders only what is chosen
    whatever the size of the bases; the fields' querysets still decide what
    a post may choose.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        if "mentor" in self.fields:
            field = self.fields["mentor"]
            field.widget = mentor_chooser_viewset.widget_class()
            field.widget.queryset = field.queryset
            field.error_messages["invalid_choice"] = gettext(
                "Mentor: this one cannot be chosen: there is no such mentor, "
                "or their data is closed to you."
            )
        if "mentees" in self.fields:
            field = self.fields["mentees"]
            field.widget = MultipleChooser(
                mentee_chooser_viewset.get_url_name("choose"),
                queryset=field.queryset,
                add_text=gettext("Add mentees"),
            )
            refused = gettext(
                "Mentees: No. %(value)s cannot be chosen: there is no such "
                "mentee, or their data is closed to you."
            )
            field.error_messages["invalid_choice"] = refused
            field.error_messages["invalid_pk_value"] = refused.replace(
                "%(value)s", "%(pk)s"
            )
        # The choosers set here list the group's school only.
        link_choosers(self)

    def clean(self):
        cleaned = super().clean()
        if "mentees" not in cleaned:
            return cleaned
        wanted = list(cleaned["mentees"])
        hidden = list(self.hidden_members())
        cleaned["mentees"] = wanted + hidden
        if self.errors or not (cleaned.get("mentor") and cleaned.get("form")):
            return cleaned
        # The rule reads the group as it will be saved, not as it was.
        probe = copy(self.instance)
        for name in ("site", "mentor", "form", "status"):
            if name in cleaned:
                setattr(probe, name, cleaned[name])
        current = (
            set(probe.memberships.values_list("mentee_id", flat=True))
            if probe.pk
            else set()
        )
        new = [m for m in wanted if m.pk not in current]
        staying = len(wanted) - len(new) + len(hidden)
        problems = composition_errors(probe, new, staying=staying)
        if problems:
            self.add_error("mentees", ValidationError(problems))
        return cleaned

    def hidden_members(self):
        """Mentees of the group whose consent was withdrawn."""
        if not self.instance.pk:
            return Mentee.objects.none()
        return Mentee.objects.filter(memberships__group=self.instance).exclude(
            person__in=Person.objects.visible()
        )

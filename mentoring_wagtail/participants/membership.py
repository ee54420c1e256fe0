"""Who may be put into a mentoring group: one rule, called everywhere.

The models call it, so it reads the records through the objects it is given
(a mentor's groups, a group's memberships) and imports no model.

``GroupMembership.clean``, ``MentoringGroup.clean``, the group form, the
«Предложить пары» acceptance and the Excel import all call these functions,
so a mentee without a valid processing consent, a mentor who is not approved
or has no room left, or a person of another school, can never slip in through
another door.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .audit import log_change
from .choices import OPEN_STATUSES, MentorStatus


def person_errors(person, role):
    """Why ``person`` cannot take part now (as «mentor»/«mentee» wording)."""
    errors = []
    if person.erased_at:
        errors.append(
            _("%(role)s #%(pk)s: the data has been erased.")
            % {"role": role, "pk": person.pk}
        )
        return errors
    if not person.has_processing_consent:
        errors.append(
            _(
                "%(role)s %(name)s has no valid consent to the processing of "
                "personal data: record the signed consent first."
            )
            % {"role": role, "name": person.full_name}
        )
    return errors


def mentor_errors(mentor, form=None):
    errors = person_errors(mentor.person, _("Mentor"))
    if mentor.status != MentorStatus.APPROVED:
        errors.append(
            _(
                "Mentor %(name)s is not approved (status: %(status)s); only "
                "approved mentors are given mentees."
            )
            % {"name": mentor.person.full_name, "status": mentor.get_status_display()}
        )
    if form is not None and mentor.pk:
        codes = {f.code for f in mentor.forms.all()}
        if codes and form.code not in codes:
            errors.append(
                _("Mentor %(name)s does not work in the form «%(form)s».")
                % {"name": mentor.person.full_name, "form": form.name}
            )
    return errors


def school_of(group):
    """The id of the school ``group`` is (or will be) in: its site, or its mentor's."""
    if group.site_id:
        return group.site_id
    return group.mentor.person.site_id if group.mentor_id else None


def mentor_school_errors(group):
    """A group and its mentor are of one school."""
    if not (group.site_id and group.mentor_id):
        return []
    if group.mentor.person.site_id == group.site_id:
        return []
    return [
        _(
            "Mentor %(name)s is of another school than the group: a group "
            "brings together the people of one school."
        )
        % {"name": group.mentor.person.full_name}
    ]


def mentees_in_open_groups(mentor, exclude_group=None):
    """How many mentees the mentor has now, in forming and active groups."""
    groups = mentor.groups.filter(status__in=OPEN_STATUSES)
    if exclude_group is not None and exclude_group.pk:
        groups = groups.exclude(pk=exclude_group.pk)
    # One row per current membership of those groups.
    return groups.filter(memberships__left_on__isnull=True).count()


def composition_errors(group, new_mentees, staying=0):
    """Errors that stop ``group`` having ``new_mentees`` plus ``staying`` others.

    ``group`` may be unsaved or carry a mentor/form not yet saved (a form's
    cleaned data): the rule reads only its attributes.
    """
    errors = []
    school = school_of(group)
    for mentee in new_mentees:
        errors.extend(person_errors(mentee.person, _("Mentee")))
        if school is not None and mentee.person.site_id != school:
            errors.append(
                _(
                    "%(name)s is of another school than the group's mentor: a "
                    "group brings together the people of one school."
                )
                % {"name": mentee.person.full_name}
            )
        if mentee.person_id == group.mentor.person_id:
            errors.append(
                _("%(name)s cannot be their own mentor.")
                % {"name": mentee.person.full_name}
            )

    if group.status not in OPEN_STATUSES:
        return errors
    if new_mentees:
        errors.extend(
            mentor_errors(group.mentor, group.form if group.form_id else None)
        )
    total = (
        mentees_in_open_groups(group.mentor, exclude_group=group)
        + staying
        + len(new_mentees)
    )
    if new_mentees and total > group.mentor.capacity:
        errors.append(
            _("Mentor %(name)s can take %(capacity)s mentees and would have %(total)s.")
            % {
                "name": group.mentor.person.full_name,
                "capacity": group.mentor.capacity,
                "total": total,
            }
        )
    return errors


def membership_errors(group, mentees):
    """Errors that stop ``mentees`` joining the saved or unsaved ``group``."""
    current = (
        set(group.memberships.values_list("mentee_id", flat=True))
        if group.pk
        else set()
    )
    new = [m for m in mentees if m.pk not in current]
    return composition_errors(group, new, staying=len(current))


def add_mentees(group, mentees, user=None, joined_on=None):
    """Put ``mentees`` into ``group`` or raise ``ValidationError`` (nothing saved)."""
    with transaction.atomic():
        # Lock the mentor so two curators cannot both fill the last place.
        type(group.mentor).objects.select_for_update().filter(
            pk=group.mentor_id
        ).first()
        errors = membership_errors(group, mentees)
        if errors:
            raise ValidationError(errors)
        current = set(group.memberships.values_list("mentee_id", flat=True))
        created = [
            group.memberships.create(mentee=m, joined_on=joined_on)
            for m in mentees
            if m.pk not in current
        ]
        if created and user is not None:
            log_change(group, user)
    return created

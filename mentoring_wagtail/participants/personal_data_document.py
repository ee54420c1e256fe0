"""The personal-data export as a Word paper the person it is about can read.

Every label is the field's Russian name, every value what the admin shows
(choices by their label, «да»/«нет», dates as 01.09.2025, «—» for nothing);
the record is headed by the person's category from the record: «ученик» for a
pupil of a school class, «студент» for a college group, «педагог», etc.
Written through the package's one Word writer (``word.office``).
"""

import datetime
import re

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from docx.shared import Mm

from mentoring_wagtail.word.office import (
    document_bytes,
    new_document,
    set_column_widths,
)

from .models import MentoringGroup
from .personal_fields import MENTEE_FIELDS, MENTOR_FIELDS, PERSON_FIELDS

# «10 Б», «5А», «11-в класс»: a school class; a college group reads otherwise.
SCHOOL_CLASS = re.compile(r"^\s*(1[01]|[1-9])(?!\d)\s*[-–«\"]?\s*[а-яА-ЯёЁa-zA-Z]?\b")
DASH = "—"


def kind_word(person):
    """«ученик», «студент», «педагог»… from the record."""
    if person.kind == "student":
        group = person.class_or_group or ""
        if SCHOOL_CLASS.match(group):
            return _("pupil")
        if group.strip():
            return _("college student")
        return str(person.get_kind_display())
    return str(person.get_kind_display())


def text(value):
    if value is None or value == "" or value == []:
        return DASH
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "d.m.Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "d.m.Y")
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) or DASH
    return str(value)


def field_rows(obj, names):
    """``[(label, value)]`` of ``obj``'s fields, choices by their label."""
    rows = []
    for name in names:
        field = obj._meta.get_field(name)
        value = getattr(obj, name)
        if field.choices and value not in (None, ""):
            value = getattr(obj, f"get_{name}_display")()
        elif isinstance(field, models.ForeignKey):
            value = str(value) if value is not None else None
        rows.append((capfirst(str(field.verbose_name)), text(value)))
    return rows


def _group_rows(group, with_mentees):
    rows = [
        (_("Form of mentoring"), text(group.form.name)),
        (_("Academic year"), text(group.academic_year)),
        (_("Start"), text(group.start)),
        (_("Planned end"), text(group.planned_end)),
        (_("Status"), text(group.get_status_display())),
        (_("Mentor"), text(group.mentor.person.full_name)),
    ]
    if with_mentees:
        rows.append(
            (_("Mentees"), text([m.person.full_name for m in group.mentees.all()]))
        )
    rows.append(
        (
            _("Order fixing the group"),
            text(str(group.fixing_order) if group.fixing_order_id else None),
        )
    )
    return rows


def sections(person):
    """``[(heading, [[(label, value)], …])]``: one table per record."""
    about = [(_("Category of participant"), kind_word(person))]
    about += field_rows(person, [name for name in PERSON_FIELDS if name != "kind"])
    about.append(
        (
            _("Account on the site"),
            text(person.user.get_username() if person.user_id else None),
        )
    )
    result = [
        (_("About the participant (%(kind)s)") % {"kind": kind_word(person)}, [about])
    ]
    consent_fields = (
        "given_by",
        "representative_name",
        "representative_relation",
        "given_on",
        "covers_processing",
        "covers_publication",
        "withdrawn_on",
    )
    consents = [
        field_rows(consent, consent_fields)
        + [
            (
                _("Scan of the signed consent"),
                text(consent.scan.title if consent.scan_id else None),
            )
        ]
        for consent in person.consents.select_related("scan")
    ]
    result.append((_("Consents to the processing of personal data"), consents))
    mentor = getattr(person, "mentor", None)
    if mentor is not None:
        rows = field_rows(mentor, MENTOR_FIELDS)
        rows.append(
            (_("Forms of mentoring"), text([f.name for f in mentor.forms.all()]))
        )
        result.append((_("As a mentor"), [rows]))
        courses = [
            [
                (_("Course"), text(course.title)),
                (_("Hours"), text(course.hours)),
                (_("Year"), text(course.year)),
            ]
            for course in mentor.courses.all()
        ]
        if courses:
            result.append((_("Courses and further training"), courses))
        groups = mentor.groups.select_related("form", "mentor__person", "fixing_order")
        result.append(
            (_("Pairs and groups as a mentor"), [_group_rows(g, True) for g in groups])
        )
    mentee = getattr(person, "mentee", None)
    if mentee is not None:
        result.append((_("As a mentee"), [field_rows(mentee, MENTEE_FIELDS)]))
        groups = MentoringGroup.objects.filter(
            memberships__mentee=mentee
        ).select_related("form", "mentor__person", "fixing_order")
        result.append(
            (
                _("Pairs and groups as a mentee"),
                [_group_rows(g, False) for g in groups],
            )
        )
    meetings = [
        [
            (_("Date"), text(meeting.date)),
            (_("Kind of meeting"), text(meeting.get_kind_display())),
            (_("Pair or group"), text(str(meeting.group))),
            (_("Notes"), text(meeting.notes)),
        ]
        for meeting in person.meetings.select_related(
            "group__mentor__person", "group__form"
        )
    ]
    result.append((_("Meetings"), meetings))
    return result


def personal_data_docx(person, organisation=None):
    """The .docx bytes of everything held about ``person``."""
    document = new_document()
    title = _("Personal data of %(name)s") % {"name": person.full_name}
    document.add_heading(title, level=1)
    today = date_format(timezone.localdate(), "d.m.Y")
    document.add_paragraph(_("Exported on %(date)s.") % {"date": today})
    for heading, records in sections(person):
        document.add_heading(str(heading), level=2)
        if not records:
            document.add_paragraph(_("No records."))
        for rows in records:
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in rows:
                cells = table.add_row().cells
                cells[0].text = str(label)
                cells[1].text = value
            set_column_widths(table, [Mm(60), Mm(110)])
            document.add_paragraph("")
    return document_bytes(document, organisation=organisation, title=str(title))

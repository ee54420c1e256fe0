"""A person's rights over their data: export everything, erase, retention.

Erasure keeps the ``Person`` row (groups and orders point at it) but
anonymises it: names, contacts, year of birth, requests, competencies,
consents and their scans, courses and certificates, meeting attendance go.
A membership survives only in a group fixed by an order in force, since the
order (an official record) names the pair; the person then appears there as
«Данные удалены». Everything else about them is deleted.
"""

import datetime
import json

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from mentoring_wagtail.section.site_settings import OrganisationSettings

from .audit import ERASE_PERSON, EXPORT_PERSON, RETENTION_ERASE
from .choices import OPEN_STATUSES
from .conf import get_setting
from .models import GroupMembership, MentoringGroup, Person, PersonalDataConsent
from .personal_data_document import personal_data_docx
from .personal_fields import MENTEE_FIELDS, MENTOR_FIELDS, PERSON_FIELDS


def _values(obj, fields):
    return {name: _plain(getattr(obj, name)) for name in fields}


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def _group_data(group):
    return {
        "form": group.form.name,
        "academic_year": group.academic_year,
        "start": _plain(group.start),
        "planned_end": _plain(group.planned_end),
        "status": group.status,
        "mentor": group.mentor.person.full_name,
        "fixing_order": str(group.fixing_order) if group.fixing_order_id else None,
    }


def person_data(person):
    """Everything the system holds about ``person``, as plain data."""
    data = {"person": _values(person, PERSON_FIELDS)}
    data["person"]["site_user"] = person.user.get_username() if person.user_id else None
    data["consents"] = [
        {
            "given_by": c.given_by,
            "representative_name": c.representative_name,
            "representative_relation": c.representative_relation,
            "given_on": _plain(c.given_on),
            "covers_processing": c.covers_processing,
            "covers_publication": c.covers_publication,
            "withdrawn_on": _plain(c.withdrawn_on),
            "scan": c.scan.title if c.scan_id else None,
        }
        for c in person.consents.select_related("scan")
    ]
    mentor = getattr(person, "mentor", None)
    if mentor is not None:
        data["mentor"] = _values(mentor, MENTOR_FIELDS)
        data["mentor"]["forms"] = [f.name for f in mentor.forms.all()]
        data["mentor"]["courses"] = [
            {"title": c.title, "hours": c.hours, "year": c.year}
            for c in mentor.courses.all()
        ]
        data["groups_as_mentor"] = [
            {**_group_data(g), "mentees": [m.person.full_name for m in g.mentees.all()]}
            for g in mentor.groups.select_related(
                "form", "mentor__person", "fixing_order"
            )
        ]
    mentee = getattr(person, "mentee", None)
    if mentee is not None:
        data["mentee"] = _values(mentee, MENTEE_FIELDS)
        groups = MentoringGroup.objects.filter(
            memberships__mentee=mentee
        ).select_related("form", "mentor__person", "fixing_order")
        data["groups_as_mentee"] = [_group_data(g) for g in groups]
    data["meetings"] = [
        {
            "date": _plain(m.date),
            "kind": m.kind,
            "group": str(m.group),
            "notes": m.notes,
        }
        for m in person.meetings.select_related("group__mentor__person", "group__form")
    ]
    return data


def export_json(person):
    return json.dumps(person_data(person), ensure_ascii=False, indent=2).encode("utf-8")


def export_docx(person):
    """The same data as a Word paper in Russian (``personal_data_document``)."""
    organisation = (
        OrganisationSettings.for_site(person.site) if person.site_id else None
    )
    return personal_data_docx(person, organisation)


def log_export(person, user, file_format):
    log(person, EXPORT_PERSON, user=user, data={"format": file_format})


def erase_person(person, user=None, action=ERASE_PERSON):
    """Anonymise ``person``; see the module docstring for what is kept."""
    with transaction.atomic():
        kept = []
        mentee = getattr(person, "mentee", None)
        if mentee is not None:
            for membership in GroupMembership.objects.filter(
                mentee=mentee
            ).select_related("group__fixing_order"):
                if membership.group.fixing_order_in_force():
                    kept.append(membership.group_id)
                else:
                    membership.delete()
            for name in MENTEE_FIELDS:
                setattr(mentee, name, mentee._meta.get_field(name).get_default())
            mentee.save()
        mentor = getattr(person, "mentor", None)
        if mentor is not None:
            kept.extend(g.pk for g in mentor.groups.all())
            for course in mentor.courses.select_related("certificate"):
                if course.certificate_id:
                    course.certificate.delete()
            mentor.courses.all().delete()
            for name in MENTOR_FIELDS:
                if name not in ("status", "capacity"):
                    setattr(mentor, name, mentor._meta.get_field(name).get_default())
            mentor.status = "inactive"
            mentor.save()
            mentor.forms.clear()
        for consent in PersonalDataConsent.objects.filter(person=person).select_related(
            "scan"
        ):
            if consent.scan_id:
                consent.scan.delete()
        PersonalDataConsent.objects.filter(person=person).delete()
        person.meetings.clear()
        for name in PERSON_FIELDS:
            if name != "kind":
                setattr(person, name, person._meta.get_field(name).get_default())
        person.last_name = _("Data erased")
        person.user = None
        person.erased_at = timezone.now()
        person.save()
        log(person, action, user=user, data={"kept_in_groups": sorted(set(kept))})
    return kept


def retention_candidates(today=None):
    """People whose retention period is over, or whose withdrawal is old enough."""
    today = today or timezone.localdate()
    keep_until = today - datetime.timedelta(days=get_setting("RETENTION_DAYS"))
    withdrawn_before = today - datetime.timedelta(
        days=get_setting("WITHDRAWAL_ERASE_DAYS")
    )

    in_open_group = Exists(
        GroupMembership.objects.filter(
            mentee__person=OuterRef("pk"), group__status__in=OPEN_STATUSES
        )
    ) | Exists(
        MentoringGroup.objects.filter(
            mentor__person=OuterRef("pk"), status__in=OPEN_STATUSES
        )
    )
    people = Person.objects.filter(erased_at__isnull=True).exclude(in_open_group)
    last_end = people.annotate(
        as_mentee=Max("mentee__memberships__group__planned_end"),
        as_mentor=Max("mentor__groups__planned_end"),
    )
    ended = last_end.filter(
        Q(as_mentee__lt=keep_until, as_mentor__isnull=True)
        | Q(as_mentor__lt=keep_until, as_mentee__isnull=True)
        | Q(as_mentee__lt=keep_until, as_mentor__lt=keep_until)
        | Q(
            as_mentee__isnull=True, as_mentor__isnull=True, updated__date__lt=keep_until
        )
    )
    withdrawn = (
        Person.objects.filter(erased_at__isnull=True)
        .withdrawn(today)
        .filter(
            Exists(
                PersonalDataConsent.objects.filter(
                    person=OuterRef("pk"), withdrawn_on__lte=withdrawn_before
                )
            )
        )
    )
    return Person.objects.filter(
        Q(pk__in=ended.values("pk")) | Q(pk__in=withdrawn.values("pk"))
    )


def enforce_retention(today=None, dry_run=False):
    people = list(retention_candidates(today))
    if not dry_run:
        for person in people:
            erase_person(person, user=None, action=RETENTION_ERASE)
    return people

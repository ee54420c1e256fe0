"""Withdrawal hides everywhere; per-person export and erasure; retention; audit log."""

import datetime
import io
import json

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import ModelLogEntry

from mentoring_wagtail.participants.models import GroupMembership, Person
from tests.approvals_support import denied, login, make_user
from tests.documents_support import make_order, pdf_bytes, publish_obj

from ..module_state import built_once
from .support import (
    TODAY,
    make_group,
    make_mentee,
    make_mentor,
    upload_document,
)

# Every test starts from the rows built once, in whatever order they run.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built")]

# Built once for the module; each test starts from it (tests/module_state.py).
_built, built, mentoring_section, users = built_once()

LISTINGS = (
    "mentoring_people:index",
    "mentoring_mentees:index",
    "mentoring_consents:index",
    "mentoring_groups:index",
    "mentoring_meetings:index",
)


@pytest.fixture
def curator(users):
    return users["curator"]


def withdraw(person, on=TODAY):
    consent = person.consents.get()
    consent.withdrawn_on = on
    consent.save()


def test_withdrawal_hides_the_person_in_every_admin_listing_and_says_so(
    client, curator
):
    from mentoring_wagtail.participants.models import Meeting

    mentee = make_mentee(last_name="Скрытова")
    group = make_group(mentees=[mentee, make_mentee(last_name="Виднова")])
    meeting = Meeting.objects.create(group=group, date=TODAY, notes="знакомство")
    meeting.attendees.add(mentee.person)
    login(client, curator)
    for name in LISTINGS:
        assert "Скрытова" in client.get(reverse(name)).content.decode(), name

    withdraw(mentee.person)
    for name in LISTINGS:
        html = client.get(reverse(name)).content.decode()
        assert "Скрытова" not in html, name
    people = client.get(reverse("mentoring_people:index")).content.decode()
    assert "Виднова" in people
    assert "data-hidden-people" in people
    # The card itself is gone too, and choosers do not offer the person.
    assert (
        client.get(reverse("mentoring_mentees:inspect", args=[mentee.pk])).status_code
        == 404
    )
    edit = client.get(
        reverse("mentoring_groups:edit", args=[group.pk])
    ).content.decode()
    assert "Скрытова" not in edit and "Виднова" in edit


def test_editing_a_group_keeps_its_hidden_member(client, curator):
    hidden = make_mentee()
    shown = make_mentee()
    group = make_group(mentees=[hidden, shown])
    withdraw(hidden.person)
    login(client, curator)
    response = client.post(
        reverse("mentoring_groups:edit", args=[group.pk]),
        {
            "mentor": group.mentor.pk,
            "form": group.form.pk,
            "academic_year": "2025/2026",
            "start": group.start.isoformat(),
            "planned_end": "",
            "goals": "новые цели",
            "status": "active",
            "dissolution_reason": "",
            "fixing_order": "",
            "mentees": [shown.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(group.memberships.values_list("mentee_id", flat=True)) == {
        hidden.pk,
        shown.pk,
    }


def test_export_has_all_of_a_persons_data_and_is_logged(client, curator):
    mentee = make_mentee(last_name="Экспортова")
    make_group(mentees=[mentee])
    login(client, curator)
    response = client.get(
        reverse(
            "mentoring_participants_privacy:export", args=[mentee.person.pk, "json"]
        )
    )
    data = json.loads(response.content)
    assert data["person"]["last_name"] == "Экспортова"
    assert data["mentee"]["request_text"] == "подготовка к олимпиаде по математике"
    assert data["consents"][0]["representative_relation"] == "мать"
    assert len(data["groups_as_mentee"]) == 1
    response = client.get(
        reverse(
            "mentoring_participants_privacy:export", args=[mentee.person.pk, "docx"]
        )
    )
    text = "\n".join(
        cell.text
        for table in docx.Document(io.BytesIO(response.content)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Экспортова" in text and "подготовка к олимпиаде" in text
    entries = ModelLogEntry.objects.filter(
        action="mentoring_participants.export_person"
    )
    assert entries.count() == 2 and entries.first().user == curator


def test_only_holders_of_export_permission_export_or_erase(client, users):
    person = make_mentee().person
    for role in ("secretary", "mentor", "methodologist", "director"):
        login(client, make_user(role, role))
        for url in (
            reverse("mentoring_participants_privacy:export", args=[person.pk, "json"]),
            reverse("mentoring_participants_privacy:erase", args=[person.pk]),
        ):
            assert denied(client.get(url)), (role, url)
        assert denied(
            client.post(
                reverse("mentoring_participants_privacy:erase", args=[person.pk])
            )
        )
    person.refresh_from_db()
    assert person.erased_at is None


def test_erasure_anonymises_and_keeps_only_what_an_order_in_force_needs(
    client, curator
):
    order = make_order(kind="pairs", title="О закреплении пар")
    order.signed_scan = upload_document(pdf_bytes("Приказ"), "order.pdf")
    order.save()
    publish_obj(order)
    mentee = make_mentee(last_name="Стиралова", email="s@example.org")
    scan = upload_document(pdf_bytes("Согласие"), "consent.pdf")
    consent = mentee.person.consents.get()
    consent.scan = scan
    consent.save()
    fixed = make_group(mentees=[mentee], fixing_order=order)
    loose = make_group(mentees=[mentee])
    login(client, curator)
    response = client.post(
        reverse("mentoring_participants_privacy:erase", args=[mentee.person.pk])
    )
    assert response.status_code == 302
    person = Person.objects.get(pk=mentee.person.pk)
    assert person.erased_at is not None
    assert "Стиралова" not in str(person) and not person.email and not person.birth_year
    assert not person.consents.exists()
    assert not get_document_model().objects.filter(pk=scan.pk).exists()
    mentee.refresh_from_db()
    assert mentee.request_text == ""
    assert GroupMembership.objects.filter(group=fixed, mentee=mentee).exists()
    assert not GroupMembership.objects.filter(group=loose, mentee=mentee).exists()
    entry = ModelLogEntry.objects.get(action="mentoring_participants.erase_person")
    assert entry.user == curator and "Стиралова" not in json.dumps(entry.data)
    # An erased person is nowhere in the listings.
    assert (
        "Стиралова"
        not in client.get(reverse("mentoring_people:index")).content.decode()
    )


def test_opening_a_mentee_card_is_logged(client, curator):
    mentee = make_mentee()
    login(client, curator)
    assert (
        client.get(reverse("mentoring_mentees:inspect", args=[mentee.pk])).status_code
        == 200
    )
    entry = ModelLogEntry.objects.get(action="mentoring_participants.view_card")
    assert entry.user == curator and entry.object_id == str(mentee.pk)


def test_every_change_is_logged(client, curator):
    mentee = make_mentee()
    login(client, curator)
    consent = mentee.person.consents.get()
    response = client.post(
        reverse("mentoring_consents:edit", args=[consent.pk]),
        {
            "person": mentee.person.pk,
            "given_by": "legal_representative",
            "representative_name": consent.representative_name,
            "representative_relation": "опекун",
            "given_on": consent.given_on.isoformat(),
            "covers_processing": "on",
            "withdrawn_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"wagtail.edit", "mentoring_participants.withdraw_consent"} <= actions


def test_retention_command_erases_after_the_period(settings, mentoring_section):
    settings.MENTORING_WAGTAIL_PARTICIPANTS_RETENTION_DAYS = 100
    long_ago = TODAY - datetime.timedelta(days=200)
    # The mentor still leads an open group, so is kept.
    mentor = make_mentor(capacity=10)
    old = make_mentee(last_name="Старова")
    make_group(mentor, mentees=[old], status="finished", planned_end=long_ago)
    recent = make_mentee(last_name="Недавнова")
    make_group(mentor, mentees=[recent], status="finished", planned_end=TODAY)
    active = make_mentee(last_name="Активнова")
    make_group(mentor, mentees=[active], status="active", planned_end=long_ago)
    retired_mentor = make_mentor()
    make_group(
        retired_mentor,
        status="dissolved",
        planned_end=long_ago,
        dissolution_reason="переезд",
    )
    withdrawn = make_mentee(last_name="Отозванова")
    withdraw(withdrawn.person, on=TODAY - datetime.timedelta(days=40))
    fresh_withdrawal = make_mentee(last_name="Свежеотозванова")
    withdraw(fresh_withdrawal.person, on=TODAY - datetime.timedelta(days=2))

    out = io.StringIO()
    call_command("participants_retention", "--dry-run", stdout=out)
    assert not Person.objects.filter(erased_at__isnull=False).exists()
    call_command("participants_retention", stdout=out)
    erased = set(
        Person.objects.filter(erased_at__isnull=False).values_list("pk", flat=True)
    )
    assert erased == {old.person.pk, withdrawn.person.pk, retired_mentor.person.pk}
    assert (
        ModelLogEntry.objects.filter(
            action="mentoring_participants.retention_erase"
        ).count()
        == 3
    )
    # Running again finds nothing more.
    call_command("participants_retention", stdout=out)
    assert Person.objects.filter(erased_at__isnull=False).count() == 3

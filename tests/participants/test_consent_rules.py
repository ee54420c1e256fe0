"""Consent before data: the consent record's rules and who may join a group."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from mentoring_wagtail.participants.membership import add_mentees
from mentoring_wagtail.participants.models import (
    GroupMembership,
    Person,
    PersonalDataConsent,
)
from tests.documents_support import docx_bytes, exe_bytes, pdf_bytes

from .support import (
    TODAY,
    give_consent,
    image_bytes,
    make_group,
    make_mentee,
    make_mentor,
    make_person,
    upload_document,
)

pytestmark = pytest.mark.django_db


def messages(error):
    return " ".join(error.messages)


def test_a_minor_consents_through_a_legal_representative():
    person = make_person(kind="student", consent=False)
    consent = PersonalDataConsent(person=person, given_on=TODAY, given_by="self")
    with pytest.raises(ValidationError) as error:
        consent.full_clean()
    assert "законный представитель" in messages(error.value)

    consent.given_by = "legal_representative"
    with pytest.raises(ValidationError) as error:
        consent.full_clean()
    assert set(error.value.message_dict) == {
        "representative_name",
        "representative_relation",
    }

    consent.representative_name = "Звездочётова Мария Ивановна"
    consent.representative_relation = "мать"
    consent.full_clean()


def test_consent_dates_make_sense():
    person = make_person(kind="teacher", consent=False)
    future = PersonalDataConsent(
        person=person, given_on=TODAY + datetime.timedelta(days=2)
    )
    with pytest.raises(ValidationError) as error:
        future.full_clean()
    assert "given_on" in error.value.message_dict
    backwards = PersonalDataConsent(
        person=person, given_on=TODAY, withdrawn_on=TODAY - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        backwards.full_clean()
    assert "withdrawn_on" in error.value.message_dict


@pytest.mark.parametrize(
    ("data", "filename", "accepted"),
    [
        (pdf_bytes("Согласие"), "scan.pdf", True),
        (image_bytes("PNG"), "scan.png", True),
        (image_bytes("JPEG"), "scan.jpg", True),
        (exe_bytes(), "scan.pdf", False),
        (docx_bytes("Согласие"), "scan.pdf", False),
        (b"\x89PNG\r\n\x1a\n" + b"broken" * 10, "scan.png", False),
        (pdf_bytes("Согласие")[:-40], "scan.pdf", False),
    ],
)
def test_the_scan_is_checked_by_content(data, filename, accepted):
    person = make_person(kind="teacher", consent=False)
    consent = PersonalDataConsent(
        person=person, given_on=TODAY, scan=upload_document(data, filename)
    )
    if accepted:
        consent.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            consent.full_clean()
        assert "scan" in error.value.message_dict


def test_birth_year_must_fit_the_kind():
    student = Person(
        site_id=make_person().site_id,
        kind="student",
        last_name="Луна",
        first_name="Ия",
        birth_year=TODAY.year - 60,
    )
    with pytest.raises(ValidationError) as error:
        student.full_clean()
    assert "birth_year" in error.value.message_dict
    assert "60" in messages(error.value)
    teacher = Person(
        site_id=student.site_id,
        kind="teacher",
        last_name="Луна",
        first_name="Ия",
        birth_year=TODAY.year - 8,
    )
    with pytest.raises(ValidationError):
        teacher.full_clean()
    teacher.birth_year = TODAY.year - 35
    teacher.full_clean()


def test_no_group_membership_without_a_valid_processing_consent():
    group = make_group(mentees=[])
    without = make_mentee(consent=False)
    with pytest.raises(ValidationError) as error:
        add_mentees(group, [without])
    assert without.person.full_name in messages(error.value)
    assert "согласи" in messages(error.value)
    assert not GroupMembership.objects.exists()

    # The same rule through the model's clean.
    with pytest.raises(ValidationError):
        GroupMembership(group=group, mentee=without).full_clean()

    give_consent(without.person)
    add_mentees(group, [without])
    assert group.mentees.get() == without


def test_withdrawn_consent_is_no_consent():
    mentee = make_mentee()
    consent = mentee.person.consents.get()
    consent.withdrawn_on = TODAY
    consent.save()
    group = make_group()
    with pytest.raises(ValidationError):
        add_mentees(group, [mentee])


def test_mentor_must_be_approved_and_have_room():
    candidate = make_mentor(status="candidate")
    group = make_group(mentor=candidate, status="forming")
    with pytest.raises(ValidationError) as error:
        add_mentees(group, [make_mentee()])
    assert "не утвержд" in messages(error.value)

    mentor = make_mentor(capacity=2)
    first = make_group(mentor=mentor, mentees=[make_mentee()])
    second = make_group(mentor=mentor)
    add_mentees(second, [make_mentee()])
    with pytest.raises(ValidationError) as error:
        add_mentees(first, [make_mentee(), make_mentee()])
    assert "2" in messages(error.value) and "4" in messages(error.value)
    assert GroupMembership.objects.filter(group__mentor=mentor).count() == 2


def test_a_dissolved_group_needs_its_reason():
    group = make_group(mentees=[make_mentee()])
    group.status = "dissolved"
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert "dissolution_reason" in error.value.message_dict
    group.dissolution_reason = "наставляемый перешёл в другую школу"
    group.full_clean()


def test_withdrawal_hides_the_person_from_every_queryset():
    mentee = make_mentee()
    other = make_mentee()
    assert set(Person.objects.visible()) >= {mentee.person, other.person}
    consent = mentee.person.consents.get()
    consent.withdrawn_on = TODAY
    consent.save()
    visible = set(Person.objects.visible())
    assert mentee.person not in visible and other.person in visible
    assert mentee.person in set(Person.objects.withdrawn())
    # A new consent given later brings the person back.
    give_consent(mentee.person, given_on=TODAY)
    assert mentee.person in set(Person.objects.visible())


def test_a_scan_in_a_public_collection_is_refused():
    person = make_person(kind="teacher", consent=False)
    consent = PersonalDataConsent(
        person=person,
        given_on=TODAY,
        scan=upload_document(pdf_bytes("Согласие"), "scan.pdf", private=False),
    )
    with pytest.raises(ValidationError) as error:
        consent.full_clean()
    assert "коллекци" in " ".join(error.value.message_dict["scan"])


def test_the_group_form_refuses_a_mentee_without_consent(client, mentoring_section):
    from django.urls import reverse

    from tests.approvals_support import login, make_user, setup_roles

    setup_roles()
    login(client, make_user("curator", "curator"))
    mentor = make_mentor()
    without = make_mentee(consent=False, last_name="Бессогласная")
    response = client.post(
        reverse("mentoring_groups:add"),
        {
            "mentor": mentor.pk,
            "mentees": [without.pk],
            "form": mentor.forms.first().pk,
            "academic_year": "2025/2026",
            "status": "forming",
        },
    )
    assert response.status_code == 200
    assert "Бессогласная" in response.text and "согласи" in response.text
    assert not GroupMembership.objects.exists()
    from mentoring_wagtail.participants.models import MentoringGroup

    assert not MentoringGroup.objects.exists()

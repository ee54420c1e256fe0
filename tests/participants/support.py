"""Builders for the participants' tests: invented people of an invented school."""

import datetime
import io
import itertools

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Site

from mentoring_wagtail.participants.models import (
    Mentee,
    Mentor,
    MentoringForm,
    MentoringGroup,
    Person,
    PersonalDataConsent,
)

TODAY = datetime.date.today()
_counter = itertools.count(1)


# The mentee base's columns as a school's Excel names them.
MENTEE_HEADER = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Категория",
    "Класс/группа",
    "Год рождения",
    "Запрос",
    "Запрос (описание)",
    "Источник запроса",
    "Интересы",
    "Согласие на обработку ПДн (дата)",
    "Законный представитель (ФИО)",
    "Кем приходится",
    "Согласие на публикацию",
]


def default_site():
    return Site.objects.get(is_default_site=True)


def make_person(kind="student", consent=True, publication=False, **fields):
    n = next(_counter)
    values = {
        "site": default_site(),
        "kind": kind,
        "last_name": f"Звездочётова{n}",
        "first_name": "Алиса",
        "patronymic": "Петровна",
        "birth_year": TODAY.year - (14 if kind == "student" else 40),
    }
    if kind == "student":
        values["class_or_group"] = "8 «А»"
    values.update(fields)
    person = Person.objects.create(**values)
    if consent:
        give_consent(person, publication=publication)
    return person


def give_consent(person, publication=False, **fields):
    values = {
        "given_on": TODAY - datetime.timedelta(days=10),
        "covers_processing": True,
        "covers_publication": publication,
    }
    if person.is_minor():
        values.update(
            given_by="legal_representative",
            representative_name="Звездочётова Мария Ивановна",
            representative_relation="мать",
        )
    values.update(fields)
    return PersonalDataConsent.objects.create(person=person, **values)


def form(code="teacher-student"):
    return MentoringForm.objects.get(code=code)


def make_mentor(
    status="approved", capacity=2, forms=("teacher-student",), **person_fields
):
    person_fields.setdefault("kind", "teacher")
    consent = person_fields.pop("consent", True)
    person = make_person(consent=consent, **person_fields)
    mentor = Mentor.objects.create(
        person=person,
        status=status,
        capacity=capacity,
        subject_area="математика",
        competencies="математика, олимпиады",
        interests="шахматы",
    )
    mentor.forms.set(MentoringForm.objects.filter(code__in=forms))
    return mentor


def make_mentee(consent=True, **fields):
    request = fields.pop("request_text", "подготовка к олимпиаде по математике")
    interests = fields.pop("interests", "шахматы")
    person = make_person(kind=fields.pop("kind", "student"), consent=consent, **fields)
    return Mentee.objects.create(
        person=person,
        request_kind="academic",
        request_text=request,
        interests=interests,
    )


def make_group(mentor=None, mentees=(), status="active", **fields):
    from mentoring_wagtail.participants.models import GroupMembership

    mentor = mentor or make_mentor()
    group = MentoringGroup.objects.create(
        site=default_site(),
        mentor=mentor,
        form=fields.pop("form", None) or form(),
        academic_year=fields.pop("academic_year", "2025/2026"),
        status=status,
        start=TODAY - datetime.timedelta(days=30),
        **fields,
    )
    for mentee in mentees:
        GroupMembership.objects.create(group=group, mentee=mentee)
    return group


def image_bytes(kind="PNG"):
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(output, kind)
    return output.getvalue()


def upload_document(data, filename="consent.pdf", title="Скан согласия", private=True):
    from mentoring_wagtail.participants.storage import private_collection

    document = get_document_model()(title=title)
    if private:
        document.collection = private_collection()
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    return document

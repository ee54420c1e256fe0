"""The personal-data export as the person it is about reads it (issue 23):
Russian labels and values only, headed by the person's category."""

import io
import itertools
import re

import docx
import pytest
from django.urls import reverse

from mentoring_wagtail.participants.personal_data_document import SCHOOL_CLASS
from mentoring_wagtail.participants.personal_fields import (
    MENTEE_FIELDS,
    MENTOR_FIELDS,
    PERSON_FIELDS,
)
from tests.approvals_support import login, make_user, setup_roles

from .support import make_group, make_mentee, make_mentor

pytestmark = pytest.mark.django_db
RAW_VALUES = {
    "student",
    "teacher",
    "legal_representative",
    "self",
    "True",
    "False",
    "None",
    "academic",
    "active",
    "approved",
}


@pytest.fixture
def officer(mentoring_section):
    setup_roles()
    return make_user("dpo", "curator")


def _paper(client, person):
    response = client.get(
        reverse("mentoring_participants_privacy:export", args=[person.pk, "docx"])
    )
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.text.strip()]
    cells = [
        [cell.text for cell in row.cells]
        for table in document.tables
        for row in table.rows
    ]
    return headings, cells


@pytest.mark.parametrize(
    ("kind", "group", "word"),
    [
        ("student", "10 «Б»", "ученик"),
        ("student", "5А", "ученик"),
        ("student", "ИС-21", "студент"),
        ("teacher", "", "педагог"),
    ],
)
def test_the_record_is_headed_by_the_persons_category(
    client, officer, kind, group, word
):
    login(client, officer)
    if kind == "teacher":
        person = make_mentor(last_name="Учителева").person
    else:
        person = make_mentee(class_or_group=group, birth_year=2009).person
    headings, cells = _paper(client, person)
    assert f"Сведения об участнике ({word})" in headings
    assert ["Категория участника", word] in cells
    assert not any("Сотрудник" in h for h in headings)


def test_labels_and_values_are_russian_only(client, officer):
    login(client, officer)
    mentee = make_mentee(class_or_group="10 «Б»", birth_year=2009)
    make_group(mentor=make_mentor(), mentees=[mentee])
    headings, cells = _paper(client, mentee.person)
    labels = [row[0] for row in cells]
    values = [row[1] for row in cells]
    for name in PERSON_FIELDS + MENTOR_FIELDS + MENTEE_FIELDS:
        assert name not in labels, name
    assert not RAW_VALUES & set(values), RAW_VALUES & set(values)
    for text in labels + headings:
        assert not re.search(r"[A-Za-z]{3,}", text), text
    assert ["Кем дано", "законный представитель"] in cells
    assert ["Обработка персональных данных", "да"] in cells


def test_every_school_class_reads_as_a_class():
    for number, separator, letter in itertools.product(
        range(1, 12), ["", " ", "-"], ["А", "б", "«В»", ""]
    ):
        assert SCHOOL_CLASS.match(f"{number}{separator}{letter}"), (number, letter)


@pytest.mark.parametrize("group", ["ИС-21", "Т-12", "ПКД 2", "12", "2024"])
def test_a_college_group_is_not_a_school_class(group):
    assert not SCHOOL_CLASS.match(group)

"""Builders for the monitoring tests: a school's year as records.

``seed_001_school`` rebuilds the figures of seed 001 (МБОУ «Мишкинская СОШ»,
2022/2023) from people, groups and answers given through single-use links.
"""

import datetime

from django.utils import timezone
from wagtail.models import Site

from mentoring_wagtail.monitoring.answering import save_answer
from mentoring_wagtail.monitoring.models import (
    MonitoringYear,
    QuestionnaireField,
    QuestionnairePage,
)
from mentoring_wagtail.monitoring.tokens import issue_links
from mentoring_wagtail.participants.models import (
    GroupMembership,
    Mentee,
    Mentor,
    MentorCourse,
    MentoringForm,
    MentoringGroup,
    Person,
)
from tests.documents_support import make_site_tree

YEAR = "2022/2023"


def site_and_section():
    site = Site.objects.get(is_default_site=True)
    from mentoring_wagtail.models import MentoringIndexPage

    section = MentoringIndexPage.objects.first()
    if section is None:
        site, section, _registry = make_site_tree()
    return site, section


def person(site, kind, index, birth_year=None):
    return Person.objects.create(
        site=site,
        kind=kind,
        last_name=f"Фамилия{kind[:3]}{index}",
        first_name="Имя",
        birth_year=birth_year,
    )


FORM_NAMES = {
    "student-student": "ученик – ученик",
    "teacher-student": "учитель – ученик",
    "teacher-teacher": "учитель – учитель",
}


def _form(code):
    # Made by the participants' data migration, but a transactional test's
    # flush removes them.
    return MentoringForm.objects.get_or_create(
        code=code, defaults={"name": FORM_NAMES[code]}
    )[0]


def make_group(site, mentor, mentees, form_code, year=YEAR, status="active"):
    group = MentoringGroup.objects.create(
        site=site,
        mentor=mentor,
        form=_form(form_code),
        academic_year=year,
        status=status,
    )
    GroupMembership.objects.bulk_create(
        [GroupMembership(group=group, mentee=mentee) for mentee in mentees]
    )
    return group


def make_mentor(site, kind, index, birth_year=None):
    return Mentor.objects.create(
        person=person(site, kind, index, birth_year), capacity=20, status="approved"
    )


def make_mentee(site, kind, index, birth_year=None):
    return Mentee.objects.create(person=person(site, kind, index, birth_year))


def make_questionnaire(section, audience="mentees", moment="end", year=YEAR, **fields):
    page = QuestionnairePage(
        title=fields.pop("title", f"Анкета {audience} {moment} {year}"),
        slug=fields.pop("slug", f"anketa-{audience}-{moment}-{year.replace('/', '-')}"),
        audience=audience,
        moment=moment,
        academic_year=year,
        **fields,
    )
    page.form_fields = [
        QuestionnaireField(
            label="Насколько вы довольны участием в программе?",
            field_type="satisfaction",
            required=True,
        ),
        QuestionnaireField(
            label="Что было полезнее всего?",
            field_type="radio",
            choices="Встречи\nПроекты\nКонсультации",
            required=False,
        ),
        QuestionnaireField(label="Комментарий", field_type="multiline", required=False),
    ]
    section.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class FakeForm:
    def __init__(self, data):
        self.cleaned_data = data


def answer_all(questionnaire, groups, values):
    """Issue links for ``groups`` and answer them with ``values`` in order."""
    links = issue_links(questionnaire, groups)
    from mentoring_wagtail.monitoring.answering import find_token

    name = questionnaire.satisfaction_field_name()
    for link, value in zip(links, values, strict=False):
        token = find_token(questionnaire, link.token)
        save_answer(questionnaire, token, FakeForm({name: value}))
    return links


def seed_001_school(with_answers=True):
    """55 pupils aged 10–19 and 4 teachers as mentees; 3 pupil mentors aged
    15–19 and 12 teacher mentors; 33 of 59 mentees and 8 of 12 teacher mentors
    satisfied; 108 pupils aged 10–19 and 100 aged 15–19 at school."""
    site, section = site_and_section()
    pupils = [make_mentee(site, "student", i, 2006 + i % 7) for i in range(55)]
    teachers = [make_mentee(site, "teacher", i, 1995) for i in range(4)]
    pupil_mentors = [make_mentor(site, "student", i, 2005) for i in range(3)]
    teacher_mentors = [make_mentor(site, "teacher", 100 + i, 1980) for i in range(12)]
    groups = []
    # Pupil mentors lead groups of 5 pupils; teachers take the rest.
    for i, mentor in enumerate(pupil_mentors):
        groups.append(
            make_group(site, mentor, pupils[i * 5 : (i + 1) * 5], "student-student")
        )
    rest = pupils[15:]
    for i, mentor in enumerate(teacher_mentors[:10]):
        groups.append(
            make_group(site, mentor, rest[i * 4 : (i + 1) * 4], "teacher-student")
        )
    groups.append(
        make_group(site, teacher_mentors[10], teachers[:2], "teacher-teacher")
    )
    groups.append(
        make_group(site, teacher_mentors[11], teachers[2:], "teacher-teacher")
    )
    for mentor in pupil_mentors + teacher_mentors:
        MentorCourse.objects.create(mentor=mentor, title="Школа наставника", year=2023)
    year = MonitoringYear.objects.create(
        site=site,
        academic_year=YEAR,
        students_10_19=108,
        students_15_19=100,
        young_new_teachers=6,
        target_mentees_10_19=50,
        target_mentee_satisfaction=60,
    )
    result = {"site": site, "section": section, "groups": groups, "year": year}
    if with_answers:
        mentees_q = make_questionnaire(section, "mentees", "end")
        answer_all(mentees_q, groups, [5] * 20 + [4] * 13 + [3] * 16 + [1] * 10)
        mentors_q = make_questionnaire(section, "mentors", "end")
        teacher_groups = groups[3:]
        answer_all(mentors_q, teacher_groups, [5] * 8 + [2] * 4)
        result.update(mentees_q=mentees_q, mentors_q=mentors_q)
    return result


def closed_at(days_ago=1):
    return timezone.now() - datetime.timedelta(days=days_ago)

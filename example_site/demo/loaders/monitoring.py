"""Demo data of monitoring: a year of questionnaire answers and indicators.

Two academic years of the fictional school: 2023/2024 (totals and targets,
so the «Показатели» page shows years side by side) and 2024/2025 with
groups, end-of-year questionnaires for mentees and mentors answered through
single-use links, and the curator's totals. Every person is invented.
Idempotent: a year already loaded is left alone.
"""

import datetime
import random

from mentoring_wagtail.monitoring.answering import find_token, save_answer
from mentoring_wagtail.monitoring.models import (
    IndicatorsPage,
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
    PersonalDataConsent,
)

YEAR, PREVIOUS = "2024/2025", "2023/2024"
LAST_NAMES = [
    "Ершов",
    "Кречетов",
    "Снегирёв",
    "Зимин",
    "Туманов",
    "Соколов",
    "Вьюгин",
    "Рябинин",
    "Озёров",
    "Каштанов",
    "Берестов",
    "Ольхов",
    "Полынин",
    "Ясенев",
]
FIRST_NAMES = ["Антон", "Мирон", "Глеб", "Тимур", "Лев", "Савва", "Ярослав", "Платон"]


def _person(site, kind, index, birth_year):
    person = Person.objects.create(
        site=site,
        kind=kind,
        last_name=LAST_NAMES[index % len(LAST_NAMES)],
        first_name=FIRST_NAMES[index % len(FIRST_NAMES)],
        birth_year=birth_year,
        class_or_group=f"{2024 - birth_year - 6} «А»" if kind == "student" else "",
    )
    PersonalDataConsent.objects.create(
        person=person,
        given_on=datetime.date(2024, 9, 2),
        given_by="legal_representative"
        if kind == "student" and birth_year > 2006
        else "self",
        representative_name="Законный представитель (вымышленный)"
        if kind == "student" and birth_year > 2006
        else "",
    )
    return person


def _form(code, name):
    # The participants' data migration makes them; a flushed test database has not.
    return MentoringForm.objects.get_or_create(code=code, defaults={"name": name})[0]


def _groups(site):
    teacher_student = _form("teacher-student", "учитель – ученик")
    student_student = _form("student-student", "ученик – ученик")
    groups = []
    for index in range(4):
        mentor = Mentor.objects.create(
            person=_person(site, "teacher", 20 + index, 1975 + index),
            capacity=6,
            status="approved",
            subject_area="математика",
        )
        MentorCourse.objects.create(
            mentor=mentor, title="Школа наставника", hours=36, year=2025
        )
        groups.append((mentor, teacher_student, 5))
    for index in range(2):
        mentor = Mentor.objects.create(
            person=_person(site, "student", 40 + index, 2008),
            capacity=3,
            status="approved",
        )
        groups.append((mentor, student_student, 2))
    created, pupil = [], 0
    for mentor, form, size in groups:
        group = MentoringGroup.objects.create(
            site=site,
            mentor=mentor,
            form=form,
            academic_year=YEAR,
            status="active",
            start=datetime.date(2024, 10, 1),
        )
        for _ in range(size):
            mentee = Mentee.objects.create(
                person=_person(site, "student", pupil, 2010 + pupil % 5)
            )
            GroupMembership.objects.create(
                group=group, mentee=mentee, joined_on=datetime.date(2024, 10, 1)
            )
            pupil += 1
        created.append(group)
    return created


def _questionnaire(section, audience, title, slug):
    existing = QuestionnairePage.objects.child_of(section).filter(slug=slug).first()
    if existing:
        return existing
    page = QuestionnairePage(
        title=title,
        slug=slug,
        audience=audience,
        moment="end",
        academic_year=YEAR,
        intro=f"<p>{title}. Ответы сохраняются без имени.</p>",
    )
    page.form_fields = [
        QuestionnaireField(
            label="Насколько вы удовлетворены участием в программе?",
            field_type="satisfaction",
        ),
        QuestionnaireField(
            label="Что было полезнее всего?",
            field_type="radio",
            choices="Встречи\nПроекты\nКонсультации",
            required=False,
        ),
        QuestionnaireField(
            label="Что бы вы изменили?", field_type="multiline", required=False
        ),
    ]
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


class _Answer:
    def __init__(self, data):
        self.cleaned_data = data


def _answer(questionnaire, groups, rng, leave_unanswered=0):
    links = issue_links(questionnaire, groups)
    name = questionnaire.satisfaction_field_name()
    choice = next(
        f.clean_name for f in questionnaire.get_form_fields() if f.field_type == "radio"
    )
    for link in links[: len(links) - leave_unanswered]:
        token = find_token(questionnaire, link.token)
        save_answer(
            questionnaire,
            token,
            _Answer(
                {
                    name: rng.choice([3, 4, 4, 5, 5, 2]),
                    choice: rng.choice(["Встречи", "Проекты"]),
                }
            ),
        )


def load(site, section, users):
    if not MonitoringYear.objects.filter(site=site, academic_year=PREVIOUS).exists():
        MonitoringYear.objects.create(
            site=site,
            academic_year=PREVIOUS,
            students_10_19=240,
            students_15_19=90,
            young_new_teachers=5,
            target_mentees_10_19=5,
            target_mentee_satisfaction=60,
            target_mentor_satisfaction=60,
        )
    if not IndicatorsPage.objects.child_of(section).exists():
        page = IndicatorsPage(
            title="Показатели",
            slug="pokazateli",
            intro="<p>Целевые показатели программы наставничества.</p>",
        )
        section.add_child(instance=page)
        page.save_revision().publish()
    if MonitoringYear.objects.filter(site=site, academic_year=YEAR).exists():
        return
    rng = random.Random(2025)  # noqa: S311 - invented demo answers
    groups = _groups(site)
    mentees_q = _questionnaire(
        section,
        "mentees",
        "Анкета наставляемого: итоги года",
        "anketa-nastavlyaemogo-2024-2025",
    )
    mentors_q = _questionnaire(
        section,
        "mentors",
        "Анкета наставника: итоги года",
        "anketa-nastavnika-2024-2025",
    )
    _answer(mentees_q, groups, rng, leave_unanswered=3)
    _answer(mentors_q, groups, rng)
    MonitoringYear.objects.create(
        site=site,
        academic_year=YEAR,
        students_10_19=250,
        students_15_19=95,
        young_new_teachers=4,
        target_mentees_10_19=10,
        target_mentors_15_19=3,
        target_mentee_satisfaction=65,
        target_mentor_satisfaction=65,
        conclusions="Пары и группы работали по плану; в следующем году — "
        "расширить базу "
        "наставников из числа обучающихся.",
    )

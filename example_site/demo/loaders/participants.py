"""Demo mentors, mentees, consents, groups, plans and meetings (all invented).

Loaded only when ``mentoring_wagtail.participants`` is installed. The demo
mentor login («mentor») is linked to the mentor Павел Клёнов, so signing in
as him shows his own group and nothing else. Idempotent: people are looked
up by name before they are created.
"""

import datetime

from django.apps import apps
from django.utils import timezone

MENTORS = (
    {
        "person": (
            "Клёнов",
            "Павел",
            "Андреевич",
            "teacher",
            "",
            1984,
            "учитель математики",
        ),
        "subject_area": "математика",
        "competencies": "математика, олимпиадная подготовка, алгебра, геометрия",
        "interests": "шахматы, походы",
        "capacity": 3,
        "forms": ("teacher-student",),
        "user": "mentor",
        "free_time": ["tue", "thu", "after_lessons"],
    },
    {
        "person": (
            "Ладожская",
            "Вера",
            "Семёновна",
            "teacher",
            "",
            1971,
            "учитель биологии",
        ),
        "subject_area": "биология",
        "competencies": "биология, экология, исследовательские проекты",
        "interests": "природа, фотография",
        "capacity": 2,
        "forms": ("teacher-student", "teacher-teacher"),
        "free_time": ["mon", "wed", "after_lessons"],
    },
    {
        "person": ("Снежков", "Игорь", "Олегович", "student", "10 «А»", None, ""),
        "subject_area": "робототехника",
        "competencies": "робототехника, программирование, 3D-моделирование",
        "interests": "робототехника, настольные игры",
        "capacity": 2,
        "forms": ("student-student",),
        "preferred_age": (11, 14),
        "free_time": ["fri", "after_lessons"],
    },
)

MENTEES = (
    (
        "Осинкина",
        "Ева",
        "Максимовна",
        "7 «Б»",
        13,
        "academic",
        "подтянуть алгебру, подготовиться к олимпиаде по математике",
        "class_teacher",
        "шахматы",
    ),
    (
        "Травкин",
        "Лев",
        "Денисович",
        "8 «А»",
        14,
        "academic",
        "олимпиада по математике, геометрия",
        "self",
        "походы",
    ),
    (
        "Рябинина",
        "Софья",
        "Ильинична",
        "6 «В»",
        12,
        "creative",
        "проект по экологии родного края",
        "parent",
        "природа, фотография",
    ),
    (
        "Ветров",
        "Тимофей",
        "Артёмович",
        "6 «А»",
        12,
        "academic",
        "собрать робота к школьному фестивалю",
        "self",
        "робототехника",
    ),
    (
        "Камышов",
        "Георгий",
        "Павлович",
        "5 «Б»",
        11,
        "adaptation",
        "освоиться в новой школе, найти кружок по интересам",
        "psychologist",
        "настольные игры, робототехника",
    ),
)
YOUNG_TEACHER = (
    "Березина",
    "Алёна",
    "Викторовна",
    "teacher",
    "",
    2001,
    "учитель биологии",
)

# mentor last name → (form code, mentee last names, plan tasks,
# meetings as (kind, days after the start, notes))
GROUPS = {
    "Клёнов": (
        "teacher-student",
        ("Осинкина", "Травкин"),
        (
            ("Диагностика знаний по алгебре", "до 20 сентября", True),
            ("Разбор олимпиадных задач прошлых лет", "октябрь", True),
            ("Участие в школьном этапе олимпиады", "до 15 октября", False),
        ),
        (
            ("acquaintance", 3, "Знакомство, обсудили цели на год."),
            ("planning", 10, "Составили индивидуальный план."),
            ("regular", 24, "Решали задачи на делимость."),
        ),
    ),
    "Ладожская": (
        "teacher-student",
        ("Рябинина",),
        (
            ("Выбор темы проекта", "до 1 октября", True),
            ("Сбор материала на экскурсии", "октябрь – ноябрь", False),
        ),
        (("acquaintance", 5, "Познакомились, выбрали направление проекта."),),
    ),
    "Снежков": (
        "student-student",
        ("Ветров", "Камышов"),
        (
            ("Знакомство с конструктором", "сентябрь", True),
            ("Сборка робота к фестивалю", "до 20 декабря", False),
        ),
        (
            ("acquaintance", 4, "Познакомились в кабинете робототехники."),
            ("trial", 14, "Собрали первую модель."),
        ),
    ),
}


def _person(site, data, kind=None):
    from mentoring_wagtail.participants.models import Person

    last, first, patronymic, person_kind, class_or_group, birth_year, position = data
    person, _created = Person.objects.get_or_create(
        site=site,
        last_name=last,
        first_name=first,
        patronymic=patronymic,
        defaults={
            "kind": kind or person_kind,
            "class_or_group": class_or_group,
            "birth_year": birth_year,
            "position": position,
        },
    )
    return person


def _consent(person, representative=None, today=None):
    if person.consents.exists():
        return
    start = datetime.date((today or timezone.localdate()).year - 1, 9, 1)
    values = {"given_on": start, "covers_processing": True}
    if representative:
        values.update(
            given_by="legal_representative",
            representative_name=representative,
            representative_relation="мать",
        )
    person.consents.create(**values)


def load(site, section, users):
    if not apps.is_installed("mentoring_wagtail.participants"):
        return
    from mentoring_wagtail.participants.models import (
        GroupPlanTask,
        Meeting,
        Mentee,
        Mentor,
        MentoringForm,
        MentoringGroup,
    )

    today = timezone.localdate()
    start_year = today.year if today.month >= 9 else today.year - 1
    academic_year = f"{start_year}/{start_year + 1}"
    mentors = {}
    for data in MENTORS:
        person_data = list(data["person"])
        if person_data[5] is None:
            person_data[5] = today.year - 16
        person = _person(site, person_data)
        if data.get("user") and person.user_id is None:
            person.user = users[data["user"]]
            person.save()
        _consent(person, None if person.kind == "teacher" else "Снежкова Анна Ивановна")
        age = data.get("preferred_age", (None, None))
        mentor, created = Mentor.objects.get_or_create(
            person=person,
            defaults={
                "subject_area": data["subject_area"],
                "competencies": data["competencies"],
                "interests": data["interests"],
                "capacity": data["capacity"],
                "status": "approved",
                "free_time": data["free_time"],
                "experience_years": 12 if person.kind == "teacher" else None,
                "preferred_age_min": age[0],
                "preferred_age_max": age[1],
            },
        )
        if created:
            mentor.forms.set(MentoringForm.objects.filter(code__in=data["forms"]))
        mentors[person.last_name] = mentor

    mentees = {}
    for last, first, patronymic, grade, age, kind, text, source, interests in MENTEES:
        person = _person(
            site, (last, first, patronymic, "student", grade, today.year - age, "")
        )
        mother = last if last.endswith("а") else f"{last}а"
        _consent(person, f"{mother} Марина Сергеевна")
        mentee, _created = Mentee.objects.get_or_create(
            person=person,
            defaults={
                "request_kind": kind,
                "request_text": text,
                "request_source": source,
                "interests": interests,
            },
        )
        mentees[last] = mentee
    young = _person(site, YOUNG_TEACHER)
    _consent(young)
    Mentee.objects.get_or_create(
        person=young,
        defaults={
            "request_kind": "methodological",
            "request_text": "методика проведения лабораторных работ по биологии",
            "request_source": "self",
            "interests": "биология, экология",
        },
    )

    start = datetime.date(start_year, 9, 15)
    for mentor_name, (form_code, mentee_names, tasks, meetings) in GROUPS.items():
        mentor = mentors[mentor_name]
        if MentoringGroup.objects.filter(
            mentor=mentor, academic_year=academic_year
        ).exists():
            continue
        group = MentoringGroup.objects.create(
            site=site,
            mentor=mentor,
            form=MentoringForm.objects.get(code=form_code),
            academic_year=academic_year,
            start=start,
            planned_end=datetime.date(start_year + 1, 5, 31),
            goals="Индивидуальный прогресс наставляемых по их запросам.",
            status="active",
        )
        group.mentees.add(
            *(mentees[name] for name in mentee_names),
            through_defaults={"joined_on": start},
        )
        for order, (title, deadline, done) in enumerate(tasks):
            GroupPlanTask.objects.create(
                group=group, title=title, deadline=deadline, done=done, sort_order=order
            )
        for kind, days, notes in meetings:
            meeting = Meeting.objects.create(
                group=group,
                date=min(today, start + datetime.timedelta(days=days)),
                kind=kind,
                notes=notes,
            )
            meeting.attendees.add(
                mentor.person, *(mentees[n].person for n in mentee_names)
            )

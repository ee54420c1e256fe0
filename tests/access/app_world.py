"""A school with two mentors' worlds, for the admin URLs of the optional apps.

Each mentor has a person, a mentee, a group, a meeting, a plan task, a
course, an award and a portfolio page; the mentor role's user is linked to
«own», a second mentor user to «other». Every record carries a text of its
own (``World.secrets``) that the admin may show only to a user holding a
right on that very record, so a response can be searched for what it must
not hold.
"""

import datetime
import itertools
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.utils import timezone

from mentoring_wagtail.background.models import BackgroundJob
from mentoring_wagtail.monitoring.models import MonitoringYear
from mentoring_wagtail.participants.models import (
    GroupMembership,
    GroupPlanTask,
    Meeting,
    Mentee,
    Mentor,
    MentorCourse,
    MentoringForm,
    MentoringGroup,
    Person,
    PersonalDataConsent,
)
from mentoring_wagtail.portfolios.models import (
    Award,
    MentorIndexPage,
    MentorPortfolioPage,
)

from ..approvals_support import make_user, setup_roles

OPTIONAL_APP_LABELS = (
    "mentoring_participants",
    "mentoring_portfolios",
    "mentoring_monitoring",
)
_serial = itertools.count(4471)


def secret(word):
    # Distinct, and never the prefix of another («Заметка-4471» / «…-44710»).
    return f"{word}{next(_serial)}ъ"


@dataclass
class World:
    users: dict
    own: dict = field(default_factory=dict)
    other: dict = field(default_factory=dict)
    #: (text, record): the text shows only to who holds a right on the record.
    secrets: list = field(default_factory=list)
    #: Texts a given user must never meet: username → [(text, why)].
    forbidden: dict = field(default_factory=dict)


def core_curator():
    """A curator of a school without the apps: the core's rights only."""
    from mentoring_wagtail.access.staff_roles import get_role

    user = make_user("core_curator")
    group = Group.objects.create(name="Куратор без участников")
    group.permissions.set(
        Group.objects.get(name=get_role("curator").name).permissions.exclude(
            content_type__app_label__in=OPTIONAL_APP_LABELS
        )
    )
    user.groups.add(group)
    return user


def _person(site, world, kind, last_name, user=None):
    today = timezone.localdate()
    person = Person.objects.create(
        site=site,
        kind=kind,
        last_name=last_name,
        first_name="Алиса",
        birth_year=today.year - (14 if kind == "student" else 40),
        class_or_group="8 «А»" if kind == "student" else "",
        phone=secret("+7 900 "),
        user=user,
    )
    consent = PersonalDataConsent.objects.create(
        person=person,
        given_on=today - datetime.timedelta(days=10),
        covers_processing=True,
        covers_publication=kind != "student",
        given_by="legal_representative" if kind == "student" else "self",
        representative_name=secret("Представитель") if kind == "student" else "",
        representative_relation="мать" if kind == "student" else "",
    )
    world.secrets.append((person.phone, person))
    if consent.representative_name:
        world.secrets.append((consent.representative_name, consent))
    return person, consent


def _side(world, site, index, key, user):
    """One mentor's records; ``key`` is «own» or «other»."""
    side = getattr(world, key)
    mentor_person, _ = _person(site, world, "teacher", secret("Наставникова"), user)
    mentor = Mentor.objects.create(
        person=mentor_person,
        status="approved",
        capacity=3,
        subject_area="математика",
        competencies=secret("Компетенция"),
    )
    mentee_person, consent = _person(site, world, "student", secret("Подопечная"))
    mentee = Mentee.objects.create(
        person=mentee_person, request_kind="academic", request_text=secret("Запрос")
    )
    group = MentoringGroup.objects.create(
        site=site,
        mentor=mentor,
        form=MentoringForm.objects.get(code="teacher-student"),
        academic_year="2025/2026",
        status="active",
        start=timezone.localdate() - datetime.timedelta(days=30),
    )
    membership = GroupMembership.objects.create(group=group, mentee=mentee)
    meeting = Meeting.objects.create(
        group=group, date=timezone.localdate(), notes=secret("Заметка")
    )
    task = GroupPlanTask.objects.create(group=group, title=secret("Задача"))
    course = MentorCourse.objects.create(
        mentor=mentor, title=secret("Курс"), hours=72, year=2024
    )
    award = Award.objects.create(mentor=mentor, title=secret("Награда"), year=2024)
    side.update(
        {
            Person: mentee_person,
            PersonalDataConsent: consent,
            Mentor: mentor,
            Mentee: mentee,
            MentoringGroup: group,
            GroupMembership: membership,
            Meeting: meeting,
            GroupPlanTask: task,
            MentorCourse: course,
            Award: award,
            "mentor_person": mentor_person,
        }
    )
    world.secrets += [
        (mentor.competencies, mentor),
        (mentee.request_text, mentee),
        (meeting.notes, meeting),
        (task.title, task),
        (course.title, course),
        (award.title, award),
    ]
    return side


def _portfolio(index_page, mentor, submitter):
    from mentoring_wagtail.portfolios.rights import sync_mentor_right

    page = index_page.add_child(
        instance=MentorPortfolioPage(
            title=mentor.person.full_name,
            slug=f"mentor-{mentor.pk}",
            mentor=mentor,
            live=False,
            subject="математика",
            biography=f"<p>{secret('Биография')}</p>",
        )
    )
    sync_mentor_right(page)
    page.save_revision(user=submitter)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, submitter)
    page.refresh_from_db()
    return page


def build(section):
    from mentoring_wagtail.monitoring.models import QuestionnairePage

    from ..monitoring.support import make_questionnaire

    users = setup_roles()
    site = section.get_site()
    other_mentor_user = make_user("other_mentor", "mentor")
    users["other_mentor"] = other_mentor_user
    users["core_curator"] = core_curator()
    world = World(users=users)
    _side(world, site, 1, "own", users["mentor"])
    _side(world, site, 2, "other", other_mentor_user)
    year = MonitoringYear.objects.create(
        site=site, academic_year="2025/2026", conclusions=secret("Вывод")
    )
    world.secrets.append((year.conclusions, year))
    index_page = section.add_child(
        instance=MentorIndexPage(title="Наши наставники", slug="mentors")
    )
    for key, user in (("own", users["mentor"]), ("other", other_mentor_user)):
        side = getattr(world, key)
        side[MentorPortfolioPage] = _portfolio(index_page, side[Mentor], user)
    questionnaire = make_questionnaire(section, year="2025/2026")
    assert isinstance(questionnaire, QuestionnairePage)
    form = MentoringForm.objects.get(code="teacher-student")
    world.own[MentoringForm] = world.other[MentoringForm] = form
    world.own[MonitoringYear] = world.other[MonitoringYear] = year
    world.own[QuestionnairePage] = world.other[QuestionnairePage] = questionnaire
    # A large base export still being made (by nobody's request in particular).
    world.own[BackgroundJob] = world.other[BackgroundJob] = (
        BackgroundJob.objects.create(
            title="Выгрузка «База наставников» (.xlsx)",
            job_path="mentoring_wagtail.participants.bases.export_job.export_base_job",
            arguments={"base": "mentors", "file_format": "xlsx", "sites": None},
        )
    )
    # What the brief names: a mentor meets nobody of another mentor's group,
    # and a curator without the apps' rights meets no participant at all.
    other_names = [
        (world.other["mentor_person"].last_name, "another mentor"),
        (world.other[Person].last_name, "another mentor's mentee"),
    ]
    world.forbidden["mentor"] = other_names
    everyone = [
        (p.last_name, "a participant")
        for p in (world.own["mentor_person"], world.own[Person])
    ] + other_names
    world.forbidden["core_curator"] = everyone
    return world

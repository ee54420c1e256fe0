"""Many schools in one installation: sites with their section and records.

Shared by ``tests/access/test_many_schools.py`` (a few schools) and
``benchmarks/bench_fifty_schools.py`` (fifty). Sites, sections and
everything ``mentoring_setup`` makes (the per-site role groups, collections,
routes) go through the package's own code: ``add_schools`` makes the pages
with ``add_child`` and, once setup has run, each new section gets its site's
groups and routes from the package's ``post_save`` receiver, exactly as a
school added by hand. The records a school keeps (orders, regulations,
programme documents, people, groups, a roadmap, a questionnaire with its
answers, a monitoring year) are made in bulk: their ``save`` is not what is
measured, and fifty schools of them would take minutes one by one.

Every school gets the same records, so the one school a test watches looks the
same with one school in the installation and with fifty.
"""

import datetime
import hashlib
import itertools
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from mentoring_wagtail.models import (
    DocumentRegistryPage,
    MentoringIndexPage,
    MentoringProgramme,
    Order,
    OrganisationSettings,
    ProgrammeDocument,
    Regulation,
)
from mentoring_wagtail.monitoring.models import (
    MonitoringYear,
    QuestionnaireAnswer,
    ResponseToken,
)
from mentoring_wagtail.participants.models import (
    GroupMembership,
    Mentee,
    Mentor,
    MentoringForm,
    MentoringGroup,
    Person,
    PersonalDataConsent,
)
from mentoring_wagtail.roadmaps.interchange import Activity, Roadmap, Stage
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
from mentoring_wagtail.setup.collections import (
    get_documents_collection,
    site_documents_collection,
)

from .access.admin_urls import package_urls
from .documents_support import make_document
from .monitoring.support import make_questionnaire
from .wagtail_base import ensure_wagtail_base

YEAR = "2024/2025"
_tokens = itertools.count(1)


@dataclass(frozen=True)
class Size:
    """The records of one school (the demo school's order of magnitude)."""

    orders: int = 30
    regulations: int = 2
    programme_documents: int = 10
    mentors: int = 10
    mentees: int = 30
    answers: int = 20


@dataclass
class School:
    site: Site
    section: MentoringIndexPage


def add_school_site(number):
    """Home → «Наставничество» → «Документы» of school ``number``, on its own
    host, with its organisation settings."""
    title = f"Школа № {number}"
    home = Page.get_first_root_node().add_child(
        instance=Page(title=title, slug=f"school-{number}")
    )
    site = Site.objects.create(
        hostname=f"school{number}.example", root_page=home, site_name=title
    )
    section = home.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )
    section.add_child(
        instance=DocumentRegistryPage(title="Документы", slug="documents")
    )
    OrganisationSettings.objects.create(
        site=site,
        full_name=f"Муниципальное бюджетное общеобразовательное учреждение «{title}»",
        short_name=f"МБОУ {title}",
        director_title="Директор",
        director_name="А.Б. Вишнякова",
        city="г. Лесногорск",
    )
    return School(site, section)


def add_schools(first, count):
    """Schools ``first`` … ``first + count - 1``: sites and sections only."""
    ensure_wagtail_base()  # after a transactional test's flush
    return [add_school_site(number) for number in range(first, first + count)]


def _documents(site, size):
    collection = site_documents_collection(site) or get_documents_collection()
    file = make_document(f"Скан {site.site_name}", collection=collection)
    today = datetime.date.today()
    orders = [
        Order(
            site=site,
            number=f"{n + 1}-ОД",
            date=today - datetime.timedelta(days=n),
            year=(today - datetime.timedelta(days=n)).year,
            title=f"О реализации целевой модели наставничества ({n + 1})",
            kind="implementation",
            live=n % 2 == 0,
        )
        for n in range(size.orders)
    ]
    Order.objects.bulk_create(orders)
    for model, count in (
        (Regulation, size.regulations),
        (MentoringProgramme, 1),
        (ProgrammeDocument, size.programme_documents),
    ):
        model.objects.bulk_create(
            [
                model(
                    site=site,
                    title=f"{model._meta.verbose_name} {n + 1}",
                    date=today,
                    year=today.year,
                    file=file,
                    live=True,
                )
                for n in range(count)
            ]
        )


def _people(site, size):
    born = int(YEAR[:4])
    people = Person.objects.bulk_create(
        [
            Person(
                site=site,
                kind="teacher" if n < size.mentors else "student",
                last_name=f"Фамилия{site.pk}x{n}",
                first_name="Имя",
                birth_year=born - (40 if n < size.mentors else 14),
                class_or_group="" if n < size.mentors else "8 «А»",
            )
            for n in range(size.mentors + size.mentees)
        ]
    )
    if people[0].pk is None:  # a database that returns no ids from bulk inserts
        people = list(Person.objects.filter(site=site).order_by("pk"))
    given = datetime.date.today() - datetime.timedelta(days=30)
    PersonalDataConsent.objects.bulk_create(
        [
            PersonalDataConsent(
                person=person,
                given_on=given,
                covers_processing=True,
                given_by="legal_representative" if person.kind == "student" else "self",
                representative_name="Представитель" if person.kind == "student" else "",
                representative_relation="мать" if person.kind == "student" else "",
            )
            for person in people
        ]
    )
    Mentor.objects.bulk_create(
        [
            Mentor(person=person, status="approved", capacity=3, subject_area="химия")
            for person in people[: size.mentors]
        ]
    )
    Mentee.objects.bulk_create(
        [Mentee(person=person) for person in people[size.mentors :]]
    )
    mentors = list(Mentor.objects.filter(person__site=site).order_by("pk"))
    mentees = list(Mentee.objects.filter(person__site=site).order_by("pk"))
    form = MentoringForm.objects.get(code="teacher-student")
    MentoringGroup.objects.bulk_create(
        [
            MentoringGroup(
                site=site,
                mentor=mentor,
                form=form,
                academic_year=YEAR,
                status="active",
                start=datetime.date(born, 9, 1),
            )
            for mentor in mentors
        ]
    )
    groups = list(MentoringGroup.objects.filter(site=site).order_by("pk"))
    GroupMembership.objects.bulk_create(
        [
            GroupMembership(group=groups[n % len(groups)], mentee=mentee)
            for n, mentee in enumerate(mentees)
        ]
    )
    return groups


def _monitoring(school, groups, size):
    site = school.site
    MonitoringYear.objects.create(
        site=site,
        academic_year=YEAR,
        students_10_19=200,
        students_15_19=80,
        young_new_teachers=6,
    )
    page = make_questionnaire(
        school.section, audience="mentees", moment="end", year=YEAR
    )
    tokens = ResponseToken.objects.bulk_create(
        [
            ResponseToken(
                questionnaire=page,
                token_hash=hashlib.sha256(str(next(_tokens)).encode()).hexdigest(),
                group=groups[n % len(groups)],
                role="mentee",
                used_at=timezone.now(),
            )
            for n in range(size.answers)
        ]
    )
    if tokens[0].pk is None:
        tokens = list(ResponseToken.objects.filter(questionnaire=page).order_by("pk"))
    QuestionnaireAnswer.objects.bulk_create(
        [
            QuestionnaireAnswer(
                page=page,
                site=site,
                form_data={"comment": ""},
                group=token.group,
                role="mentee",
                satisfaction=3 + n % 3,
                token=token,
            )
            for n, token in enumerate(tokens)
        ]
    )


def _roadmap(activities=12):
    return Roadmap(
        title=f"Дорожная карта на {YEAR} учебный год",
        year=YEAR,
        approval_text="УТВЕРЖДАЮ\nДиректор\nПриказ № 21 от 30.08.2024 г.",
        stages=[
            Stage(
                title="Этап 1. Подготовка условий",
                activities=[
                    Activity(
                        number=f"1.{n + 1}",
                        title=f"Мероприятие {n + 1}",
                        deadline="Сентябрь 2024",
                        responsible="Куратор",
                        result="Приказ",
                    )
                    for n in range(activities)
                ],
            )
        ],
    )


def populate_school(school, size=None):
    """A school's records: documents, a draft roadmap, people and groups, a
    questionnaire with answers and a monitoring year."""
    size = size or Size()
    _documents(school.site, size)
    create_roadmap_page(school.section, _roadmap())
    groups = _people(school.site, size)
    _monitoring(school, groups, size)


def build_schools(first, count, size=None):
    """``add_schools`` and ``populate_school`` for each."""
    schools = add_schools(first, count)
    for school in schools:
        populate_school(school, size)
    return schools


# Views without parameters that are forms or files rather than listings.
NOT_LISTINGS = {
    "add",  # a new record's form
    "create",  # a chooser's creation form
    "preview_on_add",
    "chosen_multiple",  # answers a POST of chosen ids
    "import",  # the roadmap's Word import form
    "draft",  # a fixing order drafted as a Word file
}


def curator_urls(school):
    """``[(name, url)]``: every listing, chooser and screen without parameters
    the package registers (found by walking the URL resolver, so a new one is
    included), the dashboard, and Wagtail's own listings and choosers a
    curator works in: the school's section in the explorer and the page
    chooser, the documents and their chooser, the images chooser."""
    section = school.section.pk
    found = [
        (url.name, reverse(url.name))
        for url in package_urls()
        if not url.kwargs and url.name.rsplit(":", 1)[-1] not in NOT_LISTINGS
    ]
    return [
        ("wagtailadmin_home", reverse("wagtailadmin_home")),
        *sorted(found),
        ("wagtailadmin_explore", reverse("wagtailadmin_explore", args=[section])),
        ("wagtailadmin_choose_page", reverse("wagtailadmin_choose_page")),
        (
            "wagtailadmin_choose_page_child",
            reverse("wagtailadmin_choose_page_child", args=[section]),
        ),
        ("wagtaildocs:index", reverse("wagtaildocs:index")),
        ("wagtaildocs_chooser:choose", reverse("wagtaildocs_chooser:choose")),
        ("wagtailimages_chooser:choose", reverse("wagtailimages_chooser:choose")),
    ]


def region_url(year=YEAR):
    return reverse("mentoring_monitoring_region") + f"?year={year}"

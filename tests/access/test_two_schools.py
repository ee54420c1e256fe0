"""One installation, two schools: nothing of school B reaches school A's staff.

Each school has its own staff (the per-site role groups ``mentoring_setup``
makes when two sites have a «Наставничество» section) and its own mentors,
mentees, consents, groups, meetings, plan tasks, courses and awards
(``app_world``). Every admin URL of the optional apps is tried on school B's
objects by each of school A's staff, and the other way round: no response
holds a text of the other school's records or a name of its people. Export,
erasure and the history of a person of the other school are refused, and the
site history report («Журнал изменений») names nobody of the other school.
"""

import pytest
from django.urls import reverse
from wagtail.log_actions import log

from mentoring_wagtail.background.models import BackgroundJob
from mentoring_wagtail.participants.models import (
    Mentee,
    Mentor,
    MentoringForm,
    MentoringGroup,
    Person,
)
from mentoring_wagtail.portfolios.models import (
    Award,
    MentorIndexPage,
    MentorPortfolioPage,
)
from mentoring_wagtail.setup.steps import run_setup

from ..approvals_support import ROLE_KEYS, make_user
from ..module_state import (
    add_mentoring_section,
    fresh_all,
    module_db_state,
    start_from,
)
from . import admin_urls, app_urls_check
from .app_world import World, _portfolio, _side
from .test_every_admin_url import refused
from .test_site_roles import add_school

pytestmark = pytest.mark.django_db

STAFF = ("director", "curator", "secretary", "methodologist", "site_editor")


class School:
    def __init__(self, letter, site, section):
        self.letter = letter
        self.site = site
        self.section = section
        self.users = {}
        self.world = World(users={})


def make_schools(mentoring_section):
    """Two schools on one installation, A's section the given one."""
    site_a = mentoring_section.get_site()
    site_a.site_name = "Школа № 7"
    site_a.save()
    site_b, section_b = add_school("Школа № 2", "school-2", "school2.example")
    run_setup()
    a = School("a", site_a, mentoring_section)
    b = School("b", site_b, section_b)
    for school in (a, b):
        for key in ROLE_KEYS:
            school.users[key] = make_user(
                f"{key}_{school.letter}", key, site=school.site
            )
        for side, user_key in (("own", "mentor"), ("other", None)):
            user = school.users[user_key] if user_key else None
            _side(school.world, school.site, 1, side, user)
        index_page = school.section.add_child(
            instance=MentorIndexPage(title="Наши наставники", slug="mentors")
        )
        # The school curator's large base export, still being made.
        job = BackgroundJob.objects.create(
            title="Выгрузка «База наставников» (.xlsx)",
            job_path="mentoring_wagtail.participants.bases.export_job.export_base_job",
            arguments={
                "base": "mentors",
                "file_format": "xlsx",
                "sites": [school.site.pk],
            },
            user=school.users["curator"],
        )
        school.world.own[BackgroundJob] = school.world.other[BackgroundJob] = job
        form = MentoringForm.objects.get(code="teacher-student")
        for side in (school.world.own, school.world.other):
            side[MentoringForm] = form
            side[MentorPortfolioPage] = _portfolio(
                index_page, side[Mentor], school.users["curator"]
            )
    return a, b


def fresh_school(school):
    """A copy of ``school`` with every record read again (tests/module_state.py)."""
    copy = School.__new__(School)
    for name, value in vars(school).items():
        if isinstance(value, World):
            value = World(**{key: fresh_all(item) for key, item in vars(value).items()})
        else:
            value = fresh_all(value)
        setattr(copy, name, value)
    return copy


def build_schools():
    return make_schools(add_mentoring_section())


# Built once for the module; each test starts from its rows, with fresh copies.
_schools = module_db_state(build_schools)


@pytest.fixture
def schools(_schools, db, media_root):
    return tuple(fresh_school(school) for school in start_from(_schools, media_root))


def names_of(school):
    """What must never reach the other school's staff: its people's names."""
    return [
        (school.world.own[Person].last_name, "a mentee of the other school"),
        (school.world.other[Person].last_name, "a mentee of the other school"),
        (school.world.own["mentor_person"].last_name, "a mentor of the other school"),
    ]


def secrets_of(school):
    return [(text, f"{type(record).__name__}") for text, record in school.world.secrets]


@pytest.mark.slow(
    reason="every admin URL of the apps, for every role of the other school"
)
@pytest.mark.parametrize("direction", ["a_reads_b", "b_reads_a"])
def test_no_admin_url_of_the_apps_shows_the_other_schools_people(
    client, schools, direction
):
    a, b = schools
    reader, owner = (a, b) if direction == "a_reads_b" else (b, a)
    world = owner.world
    # The walk's users: the reading school's staff, its mentor included.
    world.users = {key: reader.users[key] for key in (*STAFF, "mentor")}
    forbidden = names_of(owner) + secrets_of(owner)
    world.forbidden = dict.fromkeys(world.users, forbidden)
    superuser = make_user("root", is_staff=True, is_superuser=True)
    problems = []
    apps = ("participants", "portfolios")
    for url in admin_urls.package_urls():
        if admin_urls.app_of(url) not in apps:
            continue
        problems += app_urls_check.try_url(
            client, world, url, superuser, refused, lambda r: r.status_code < 500
        )
    assert not problems, "\n".join(problems)


def test_export_and_erase_of_the_other_schools_person_are_refused(client, schools):
    a, b = schools
    theirs = b.world.own[Person]
    ours = a.world.own[Person]
    client.force_login(a.users["curator"])
    for file_format in ("json", "docx"):
        url = reverse(
            "mentoring_participants_privacy:export", args=[theirs.pk, file_format]
        )
        response = client.get(url)
        assert refused(response), file_format
        assert theirs.last_name.encode() not in response.content
        own = client.get(
            reverse("mentoring_participants_privacy:export", args=[ours.pk, "json"])
        )
        assert own.status_code == 200 and ours.last_name in own.content.decode()
    erase = reverse("mentoring_participants_privacy:erase", args=[theirs.pk])
    assert refused(client.get(erase))
    assert refused(client.post(erase))
    theirs.refresh_from_db()
    assert theirs.erased_at is None and theirs.last_name
    # The inspect view offers neither on the other school's person: it is refused.
    assert refused(client.get(reverse("mentoring_people:inspect", args=[theirs.pk])))


def test_the_base_export_holds_the_own_schools_rows_only(client, schools):
    a, b = schools
    client.force_login(a.users["curator"])
    url = reverse("mentoring_bases:export", args=["mentees", "csv"])
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert a.world.own[Person].last_name in text
    assert b.world.own[Person].last_name not in text
    assert b.world.other[Person].last_name not in text


def test_history_of_the_other_schools_records_is_refused(client, schools):
    a, b = schools
    person = b.world.own[Person]
    mentee = b.world.own[Mentee]
    award = b.world.own[Award]
    for record in (person, mentee, award):
        log(record, "wagtail.edit", user=b.users["curator"])
    log(a.world.own[Person], "wagtail.edit", user=a.users["curator"])
    client.force_login(a.users["curator"])
    for namespace, record in (
        ("mentoring_people", person),
        ("mentoring_mentees", mentee),
        ("mentoring_awards", award),
    ):
        url = reverse(f"{namespace}:history", args=[record.pk])
        response = client.get(url)
        assert refused(response), namespace
        assert person.last_name not in response.content.decode()
    report = client.get(reverse("wagtailadmin_reports:site_history"))
    assert report.status_code == 200
    text = report.content.decode()
    assert person.last_name not in text
    assert a.world.own[Person].last_name in text
    # The curator of school B sees her own school's entry.
    client.force_login(b.users["curator"])
    text = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert person.last_name in text
    assert a.world.own[Person].last_name not in text


def test_the_methodologist_sees_groups_as_numbers(client, schools):
    a, _b = schools
    group = a.world.own[MentoringGroup]
    mentee = a.world.own[Person]
    client.force_login(a.users["methodologist"])
    for url in (
        reverse("mentoring_groups:index"),
        reverse("mentoring_groups:inspect", args=[group.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert mentee.last_name not in response.content.decode(), url
    # The curator, who keeps the people's records, reads the names.
    client.force_login(a.users["curator"])
    card = client.get(reverse("mentoring_groups:inspect", args=[group.pk]))
    assert mentee.last_name in card.content.decode()


def test_setup_names_rows_that_belong_to_no_school(schools):
    a, _b = schools
    from wagtail.models import Page

    from mentoring_wagtail.portfolios.models import MentorIndexPage

    before = {r.message for r in run_setup()}
    Page.get_first_root_node().add_child(
        instance=MentorIndexPage(title="Вне сайтов", slug="nowhere")
    )
    new = {r.message for r in run_setup()} - before
    assert len(new) == 1
    message = new.pop()
    assert str(MentorIndexPage._meta.verbose_name_plural) in message and "1" in message

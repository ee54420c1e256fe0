"""One installation, two schools: monitoring stays in its school.

School B's year, questionnaire, links, answers and people carry planted
strings; every school-A role asks for B's monitoring screens by id and never
reads one of them, nor issues a link to B's questionnaire. The regional
coordinator sees both schools' aggregates side by side, small figures
withheld, and nothing personal.
"""

import io
from types import SimpleNamespace

import pytest
from django.utils import translation
from openpyxl import load_workbook
from wagtail.models import Page, Site

from mentoring_wagtail.models import MentoringIndexPage
from mentoring_wagtail.monitoring.answering import find_token, save_answer
from mentoring_wagtail.monitoring.models import (
    MonitoringYear,
    QuestionnaireAnswer,
    ResponseToken,
)
from mentoring_wagtail.monitoring.tokens import issue_links
from mentoring_wagtail.participants.models import Person
from mentoring_wagtail.setup.steps import run_setup
from tests.approvals_support import make_user
from tests.documents_support import make_site_tree, root_page
from tests.module_state import fresh_all, module_db_state, start_from

from .support import (
    YEAR,
    FakeForm,
    make_group,
    make_mentee,
    make_mentor,
    make_questionnaire,
)

pytestmark = pytest.mark.django_db

PLANTED = "Бпланта"  # in every name, title and text of school B
SCHOOL_ROLES = ("curator", "director", "methodologist", "secretary", "site_editor")
ADMIN = "/admin/mentoring-monitoring"


def _school_b_site():
    home = root_page().add_child(instance=Page(title="Школа № 2", slug="school-2"))
    site = Site.objects.create(
        hostname="school2.example", root_page=home, site_name="Школа № 2"
    )
    section = home.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )
    return site, section


def _answer(questionnaire, links, values, comment=""):
    name = questionnaire.satisfaction_field_name()
    comment_name = next(
        f.clean_name
        for f in questionnaire.get_form_fields()
        if f.label == "Комментарий"
    )
    for link, value in zip(links, values, strict=False):
        token = find_token(questionnaire, link.token)
        save_answer(
            questionnaire, token, FakeForm({name: value, comment_name: comment})
        )


def _school(site, section, mentees, students, values, letter, planted=""):
    people = [make_mentee(site, "student", i, 2010) for i in range(mentees)]
    mentor = make_mentor(site, "teacher", 1, 1980)
    if planted:
        Person.objects.filter(site=site).update(last_name=planted)
    group = make_group(site, mentor, people, "teacher-student")
    year = MonitoringYear.objects.create(
        site=site,
        academic_year=YEAR,
        students_10_19=students,
        conclusions=f"Выводы {planted or letter}",
    )
    questionnaire = make_questionnaire(
        section, title=f"Анкета {planted or letter}", slug=f"anketa-{letter}"
    )
    links = issue_links(questionnaire, [group])
    _answer(questionnaire, links, values, comment=f"Ответ {planted or letter}")
    return SimpleNamespace(
        site=site, section=section, group=group, year=year, q=questionnaire
    )


def build_schools():
    site_a, section_a, _registry = make_site_tree()
    site_a.site_name = "Школа № 7"
    site_a.save()
    site_b, section_b = _school_b_site()
    run_setup()
    # A: 5 of 40 pupils are mentees; 2 answers (too few to show).
    a = _school(site_a, section_a, 5, 40, [5, 2], "a")
    # B: 6 of 20 pupils; 4 of 6 satisfied.
    b = _school(site_b, section_b, 6, 20, [5, 5, 5, 4, 2, 1], "b", planted=PLANTED)
    a.users = {key: make_user(f"{key}_a", key, site=site_a) for key in SCHOOL_ROLES}
    b.users = {key: make_user(f"{key}_b", key, site=site_b) for key in SCHOOL_ROLES}
    return a, b


# Built once for the module; each test starts from it (tests/module_state.py).
_schools = module_db_state(build_schools)


@pytest.fixture
def schools(_schools, db, media_root):
    return tuple(
        SimpleNamespace(**fresh_all(vars(school)))
        for school in start_from(_schools, media_root)
    )


def _refused(response):
    body = response.content.decode("utf-8", "replace")
    assert PLANTED not in body, response.request["PATH_INFO"]
    assert response.status_code in (302, 403, 404), (
        response.request["PATH_INFO"],
        response.status_code,
    )
    return body


def _own_school_answers(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("role", SCHOOL_ROLES)
def test_links_of_another_school_are_never_issued(client, schools, role):
    a, b = schools
    client.force_login(a.users[role])
    url = f"{ADMIN}/questionnaire/{b.q.pk}/links/"
    before = ResponseToken.objects.count()
    _refused(client.get(url))
    for group in (b.group, a.group):
        for fmt in ("html", "csv"):
            _refused(client.post(url, {"groups": [group.pk], "format": fmt}))
    assert ResponseToken.objects.count() == before
    if role == "curator":
        # The refusal says why, in Russian; the own school still works.
        assert "другой школе" in client.get(url).content.decode()
        own = f"{ADMIN}/questionnaire/{a.q.pk}/links/"
        assert str(a.group) in _own_school_answers(client, own)
        assert PLANTED not in _own_school_answers(client, own)
    # B's group cannot be smuggled into A's questionnaire either.
    with pytest.raises(ValueError):
        issue_links(a.q, [b.group])


@pytest.mark.parametrize("role", SCHOOL_ROLES)
def test_indicators_of_another_school_are_refused(client, schools, role):
    a, b = schools
    client.force_login(a.users[role])
    _refused(client.get(f"{ADMIN}/year/{b.year.pk}/"))
    if role in ("curator", "director", "methodologist"):
        own = _own_school_answers(client, f"{ADMIN}/year/{a.year.pk}/")
        assert "5 из 40 – 13 %" in own and "6 из 20" not in own


@pytest.mark.parametrize("role", SCHOOL_ROLES)
def test_results_of_another_school_are_refused(client, schools, role):
    a, b = schools
    client.force_login(a.users[role])
    _refused(client.get(f"{ADMIN}/questionnaire/{b.q.pk}/results/"))
    _refused(client.get(f"{ADMIN}/questionnaire/{b.q.pk}/results.xlsx"))
    if role in ("curator", "director", "methodologist"):
        own = _own_school_answers(client, f"{ADMIN}/questionnaire/{a.q.pk}/results/")
        assert 'id="answer-count">2<' in own


@pytest.mark.parametrize("role", SCHOOL_ROLES)
def test_exports_of_another_school_are_refused(client, schools, role):
    a, b = schools
    client.force_login(a.users[role])
    for fmt in ("csv", "xlsx"):
        response = client.get(f"{ADMIN}/year/{b.year.pk}/export.{fmt}")
        _refused(response)
        assert "Content-Disposition" not in response
    if role == "curator":
        own = client.get(f"{ADMIN}/year/{a.year.pk}/export.csv")
        assert "5;40;13" in own.content.decode("utf-8-sig")


@pytest.mark.parametrize("role", SCHOOL_ROLES)
def test_overview_lists_the_own_school_only(client, schools, role):
    a, b = schools
    client.force_login(a.users[role])
    response = client.get(f"{ADMIN}/")
    body = _refused(response) if response.status_code != 200 else None
    if body is None:
        body = response.content.decode()
        assert PLANTED not in body and "Школа № 2" not in body
        assert "Анкета a" in body
        assert f"/questionnaire/{b.q.pk}/" not in body
    listing = client.get("/admin/mentoring_monitoring_years/")
    assert PLANTED not in listing.content.decode()
    assert f"/edit/{b.year.pk}/" not in listing.content.decode()
    if role == "curator":
        assert f"/edit/{a.year.pk}/" in listing.content.decode()


@pytest.mark.parametrize("role", SCHOOL_ROLES)
def test_yearly_report_of_another_school_is_refused(client, schools, role):
    from mentoring_wagtail.models import ProgrammeDocument

    a, b = schools
    # mentoring_setup drafts each school's own papers (the ПЭП regulation):
    # count what a report adds, not what was there.
    before_a = ProgrammeDocument.objects.filter(site=a.site).count()
    before_b = ProgrammeDocument.objects.filter(site=b.site).count()
    client.force_login(a.users[role])
    _refused(client.post(f"{ADMIN}/year/{b.year.pk}/report/"))
    assert ProgrammeDocument.objects.filter(site=b.site).count() == before_b
    if role == "curator":
        response = client.post(f"{ADMIN}/year/{a.year.pk}/report/")
        assert response.status_code == 200  # the .docx, downloaded
        assert ProgrammeDocument.objects.filter(site=a.site).count() == before_a + 1


@pytest.mark.parametrize("role", SCHOOL_ROLES)
def test_yearly_edit_form_of_another_school_is_refused(client, schools, role):
    a, b = schools
    client.force_login(a.users[role])
    base = "/admin/mentoring_monitoring_years"
    body = _refused(client.get(f"{base}/edit/{b.year.pk}/"))
    if role in ("curator",):
        assert "другой школе" in body
    _refused(
        client.post(
            f"{base}/edit/{b.year.pk}/",
            {"site": b.site.pk, "academic_year": YEAR, "conclusions": "Перезаписано"},
        )
    )
    _refused(client.post(f"{base}/delete/{b.year.pk}/"))
    b.year.refresh_from_db()
    assert b.year.conclusions == f"Выводы {PLANTED}"
    if role == "curator":
        form = _own_school_answers(client, f"{base}/edit/{a.year.pk}/")
        assert "Школа № 2" not in form and "Школа № 7" in form
        # Nor may A's curator open a year for B.
        client.post(
            f"{base}/new/",
            {"site": b.site.pk, "academic_year": "2023/2024", "regulatory_basis": ""},
        )
        assert not MonitoringYear.objects.filter(site=b.site, academic_year="2023/2024")


def test_school_b_is_refused_school_a_in_turn(client, schools):
    a, b = schools
    client.force_login(b.users["curator"])
    for url in (
        f"{ADMIN}/year/{a.year.pk}/",
        f"{ADMIN}/questionnaire/{a.q.pk}/links/",
        f"{ADMIN}/questionnaire/{a.q.pk}/results/",
        f"/admin/mentoring_monitoring_years/edit/{a.year.pk}/",
    ):
        body = _refused(client.get(url))
        assert "Анкета a" not in body and "Выводы a" not in body


def test_regional_coordinator_sees_aggregates_of_every_school_only(client, schools):
    a, b = schools
    coordinator = make_user("coordinator", "regional_coordinator")
    client.force_login(coordinator)
    assert client.get(f"{ADMIN}/")["Location"].endswith("/region/")
    body = _own_school_answers(client, f"{ADMIN}/region/?year={YEAR}")
    assert "Школа № 7" in body and "Школа № 2" in body
    assert "5 из 40 – 13 %" in body and "6 из 20 – 30 %" in body
    assert "4 из 6 – 67 %" in body
    # A's two answers are too few: withheld, never «1 из 2».
    assert "из 2 –" not in body and "менее 5" in body
    for secret in (PLANTED, "Фамилия", "Анкета", "Ответ", "Выводы", "?k="):
        assert secret not in body
    workbook = load_workbook(
        io.BytesIO(client.get(f"{ADMIN}/region.xlsx?year={YEAR}").content)
    )
    cells = [c.value for row in workbook.active.iter_rows() for c in row]
    assert "6 из 20 – 30 %" in cells and "Школа № 7" in cells
    assert not any(PLANTED in str(c) for c in cells)
    # Nothing per school or personal opens for the coordinator.
    for school in (a, b):
        for url in (
            f"{ADMIN}/year/{school.year.pk}/",
            f"{ADMIN}/year/{school.year.pk}/export.csv",
            f"{ADMIN}/questionnaire/{school.q.pk}/links/",
            f"{ADMIN}/questionnaire/{school.q.pk}/results/",
            f"/admin/mentoring_monitoring_years/edit/{school.year.pk}/",
            f"/admin/mentoring/participants/person/{school.group.mentor.person_id}/export/json/",
        ):
            _refused(client.get(url))
    # A malformed year is a Russian message, not a 500.
    response = client.get(f"{ADMIN}/region/?year=2022-2023")
    assert response.status_code == 200 and "«2024/2025»" in response.content.decode()


def test_small_groups_are_withheld_by_the_setting(client, schools, settings):
    settings.MENTORING_WAGTAIL_MIN_GROUP_SIZE = 25
    client.force_login(make_user("coordinator", "regional_coordinator"))
    body = _own_school_answers(client, f"{ADMIN}/region/?year={YEAR}")
    # B's 20 pupils are now too few; A's 40 are not.
    assert "6 из 20" not in body and "5 из 40 – 13 %" in body
    assert "менее 25" in body


def test_setup_places_old_rows_and_reports_those_it_cannot(schools):
    a, b = schools
    answers = QuestionnaireAnswer.objects.filter(site=b.site)
    placed = answers.count()
    answers.update(site=None)
    ResponseToken.objects.filter(site=b.site).update(site=None)
    # A link issued (before this release) to B's group for A's questionnaire.
    ResponseToken.objects.create(
        questionnaire=a.q, token_hash="x" * 64, group=b.group, role="mentee"
    )
    with translation.override("en"):
        messages = [result.message for result in run_setup()]
    assert QuestionnaireAnswer.objects.filter(site=b.site).count() == placed
    assert "1 questionnaire link has no school" in " ".join(messages)
    assert ResponseToken.objects.filter(site__isnull=True).count() == 1

"""The curator's screens: issuing links, results, yearly totals."""

import io

import pytest
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from mentoring_wagtail.monitoring.models import MonitoringYear, ResponseToken
from tests.approvals_support import setup_roles
from tests.module_state import fresh_all, module_db_state, start_from

from .support import (
    YEAR,
    answer_all,
    make_group,
    make_mentee,
    make_mentor,
    make_questionnaire,
    site_and_section,
)

pytestmark = pytest.mark.django_db


def build_school():
    roles = setup_roles()
    site, section = site_and_section()
    mentor = make_mentor(site, "teacher", 1, 1980)
    group = make_group(
        site,
        mentor,
        [make_mentee(site, "student", i, 2010) for i in range(4)],
        "teacher-student",
    )
    other_year = make_group(
        site,
        mentor,
        [make_mentee(site, "student", 9, 2010)],
        "teacher-student",
        year="2023/2024",
    )
    return {
        "roles": roles,
        "site": site,
        "section": section,
        "group": group,
        "other_year": other_year,
        "q": make_questionnaire(section),
    }


# Built once for the module; each test starts from it (tests/module_state.py).
_school = module_db_state(build_school)


@pytest.fixture
def school(_school, db, media_root):
    return fresh_all(start_from(_school, media_root))


def test_curator_issues_printable_links_once_and_it_is_logged(client, school):
    questionnaire = school["q"]
    url = f"/admin/mentoring-monitoring/questionnaire/{questionnaire.pk}/links/"
    client.force_login(school["roles"]["secretary"])
    refused = client.post(url, {"groups": [school["group"].pk]})
    assert refused.status_code in (302, 403) and not ResponseToken.objects.exists()
    client.force_login(school["roles"]["curator"])
    form = client.get(url).content.decode()
    assert str(school["group"]) in form and "2023/2024" not in form
    html = client.post(
        url, {"groups": [school["group"].pk], "format": "html"}
    ).content.decode()
    assert html.count('class="issued-link"') == 4
    assert (
        ResponseToken.objects.filter(group=school["group"], role="mentee").count() == 4
    )
    assert PageLogEntry.objects.filter(
        action="mentoring_monitoring.issue_links"
    ).exists()
    # A group of another year cannot be smuggled in.
    client.post(url, {"groups": [school["other_year"].pk], "format": "html"})
    assert not ResponseToken.objects.filter(group=school["other_year"]).exists()
    response = client.post(url, {"groups": [school["group"].pk], "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").count("?k=") == 4


def test_results_show_counts_and_distributions_and_export(client, school):
    questionnaire = school["q"]
    answer_all(questionnaire, [school["group"]], [5, 4, 4, 2])
    client.force_login(school["roles"]["curator"])
    html = client.get(
        f"/admin/mentoring-monitoring/questionnaire/{questionnaire.pk}/results/"
    ).content.decode()
    assert 'id="answer-count">4<' in html
    assert "Удовлетворены: 3 / 4" in html
    response = client.get(
        f"/admin/mentoring-monitoring/questionnaire/{questionnaire.pk}/results.xlsx"
    )
    workbook = load_workbook(io.BytesIO(response.content))
    distribution = [
        [c.value for c in row] for row in workbook.worksheets[1].iter_rows()
    ]
    satisfaction = [row[1:] for row in distribution if row[0].startswith("Насколько")]
    assert satisfaction == [["1", 0], ["2", 1], ["3", 0], ["4", 2], ["5", 1]]
    answers = [[c.value for c in row] for row in workbook.worksheets[2].iter_rows()]
    assert len(answers) == 5
    assert "Фамилия" not in str(answers)


def test_totals_below_the_counted_mentees_are_refused_in_the_admin(client, school):
    client.force_login(school["roles"]["curator"])
    response = client.post(
        "/admin/mentoring_monitoring_years/new/",
        {
            "site": school["site"].pk,
            "academic_year": YEAR,
            "students_10_19": "3",
            "students_15_19": "",
            "young_new_teachers": "",
            "regulatory_basis": "",
            "conclusions": "",
        },
    )
    assert response.status_code == 200
    assert (
        "всего обучающихся этого возраста не может быть 3" in response.content.decode()
    )
    assert not MonitoringYear.objects.exists()
    response = client.post(
        "/admin/mentoring_monitoring_years/new/",
        {
            "site": school["site"].pk,
            "academic_year": "2022-2023",
            "students_10_19": "30",
        },
    )
    assert "«2024/2025»" in response.content.decode()
    assert not MonitoringYear.objects.exists()


def test_answers_are_not_reachable_through_wagtails_form_submissions(
    client, school, django_user_model
):
    questionnaire = school["q"]
    answer_all(questionnaire, [school["group"]], [5])
    client.force_login(
        django_user_model.objects.create_superuser("root", "r@x.example", "pw")
    )
    listing = client.get("/admin/forms/").content.decode()
    assert questionnaire.title not in listing
    response = client.get(f"/admin/forms/submissions/{questionnaire.pk}/?export=csv")
    assert response.status_code in (302, 403)
    assert "Content-Disposition" not in response

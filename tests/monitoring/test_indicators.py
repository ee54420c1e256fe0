"""The target indicators from records, with the arithmetic of seed 001."""

import pytest
from django.core.exceptions import ValidationError

from mentoring_wagtail.monitoring.choices import (
    MENTEE_SATISFACTION,
    MENTEES_10_19,
    MENTEES_SURVEYED,
    MENTOR_SATISFACTION,
    MENTORS_15_19,
    MENTORS_TRAINED,
    TEACHERS_WITH_MENTOR,
)
from mentoring_wagtail.monitoring.indicators import compute_indicators, percent
from mentoring_wagtail.monitoring.models import MonitoringYear

from .support import (
    YEAR,
    answer_all,
    make_group,
    make_mentee,
    make_mentor,
    make_questionnaire,
    seed_001_school,
    site_and_section,
)

pytestmark = pytest.mark.django_db


def test_seed_001_figures_are_reproduced_from_records():
    school = seed_001_school()
    year = compute_indicators(school["site"], [YEAR])[YEAR]
    figures = {code: indicator.text for code, indicator in year.indicators.items()}
    assert figures[MENTEE_SATISFACTION] == "33 из 59 – 56 %"
    assert figures[MENTOR_SATISFACTION] == "8 из 12 – 67 %"
    assert figures[MENTEES_10_19] == "55 из 108 – 51 %"
    assert figures[MENTORS_15_19] == "3 из 100 – 3 %"
    assert figures[TEACHERS_WITH_MENTOR] == "4 из 6 – 67 %"
    assert year.counts[MENTORS_TRAINED] == 15
    assert year.indicators[MENTEES_10_19].target == 50


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (33, 59, 56),
        (8, 12, 67),
        (55, 108, 51),
        (1, 8, 13),
        (1, 200, 1),
        (3, 8, 38),
        (0, 5, 0),
    ],
)
def test_whole_per_cent_rounded_half_up(numerator, denominator, expected):
    assert percent(numerator, denominator) == expected


def test_no_base_gives_no_figure():
    site, _section = site_and_section()
    year = compute_indicators(site, [YEAR])[YEAR]
    assert all(indicator.text == "—" for indicator in year)


def test_only_pupils_of_the_age_band_in_groups_that_ran_are_counted():
    site, _section = site_and_section()
    MonitoringYear.objects.create(
        site=site, academic_year=YEAR, students_10_19=10, students_15_19=10
    )
    mentor = make_mentor(site, "student", 1, 2005)
    in_band = make_mentee(site, "student", 1, 2010)  # 12 in 2022
    too_young = make_mentee(site, "student", 2, 2015)  # 7
    unknown_age = make_mentee(site, "student", 3, None)
    forming_only = make_mentee(site, "student", 4, 2010)
    dissolved_only = make_mentee(site, "student", 5, 2010)
    make_group(site, mentor, [in_band, too_young, unknown_age], "student-student")
    make_group(site, mentor, [forming_only], "student-student", status="forming")
    make_group(site, mentor, [dissolved_only], "student-student", status="dissolved")
    # The same pupil in two groups is one mentee.
    make_group(site, mentor, [in_band], "student-student", status="finished")
    # Another year's group does not count.
    make_group(
        site,
        mentor,
        [make_mentee(site, "student", 6, 2010)],
        "student-student",
        year="2023/2024",
    )
    year = compute_indicators(site, [YEAR])[YEAR]
    assert year.indicators[MENTEES_10_19].text == "1 из 10 – 10 %"
    assert year.indicators[MENTORS_15_19].text == "1 из 10 – 10 %"


def test_satisfaction_uses_the_end_of_year_answers_and_each_questionnaire_threshold():
    site, section = site_and_section()
    mentor = make_mentor(site, "teacher", 1, 1980)
    group = make_group(
        site,
        mentor,
        [make_mentee(site, "student", i, 2010) for i in range(6)],
        "teacher-student",
    )
    start = make_questionnaire(section, "mentees", "start")
    answer_all(start, [group], [5, 5, 5, 5, 5, 5])
    ten_point = make_questionnaire(
        section, "mentees", "end", scale_max=10, satisfied_from=7
    )
    answer_all(ten_point, [group], [10, 7, 6, 6, 1, 9])
    year = compute_indicators(site, [YEAR])[YEAR]
    assert year.indicators[MENTEE_SATISFACTION].text == "3 из 6 – 50 %"
    assert year.counts[MENTEES_SURVEYED] == 6


def test_years_side_by_side_in_the_same_queries(django_assert_num_queries):
    site, _section = site_and_section()
    for year in ("2021/2022", "2022/2023", "2023/2024"):
        MonitoringYear.objects.create(site=site, academic_year=year, students_10_19=20)
    mentor = make_mentor(site, "teacher", 1, 1980)
    make_group(
        site,
        mentor,
        [make_mentee(site, "student", 1, 2010)],
        "teacher-student",
        year="2021/2022",
    )
    with django_assert_num_queries(5):  # no questionnaire: no answers query
        years = compute_indicators(site, ["2021/2022", "2022/2023", "2023/2024"])
    assert years["2021/2022"].indicators[MENTEES_10_19].text == "1 из 20 – 5 %"
    assert years["2022/2023"].indicators[MENTEES_10_19].text == "0 из 20 – 0 %"


def test_totals_smaller_than_the_counted_participants_are_refused():
    school = seed_001_school(with_answers=False)
    year = school["year"]
    year.students_10_19 = 54
    year.students_15_19 = 2
    year.young_new_teachers = 3
    with pytest.raises(ValidationError) as caught:
        year.full_clean()
    errors = caught.value.message_dict
    assert set(errors) == {"students_10_19", "students_15_19", "young_new_teachers"}
    assert "55" in errors["students_10_19"][0]
    year.refresh_from_db()
    assert year.students_10_19 == 108

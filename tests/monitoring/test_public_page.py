"""The public «Показатели» page: aggregates only, charts in text, a threshold."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentoring_wagtail.monitoring.models import IndicatorsPage, MonitoringYear

from .support import (
    YEAR,
    make_group,
    make_mentee,
    make_mentor,
    seed_001_school,
    site_and_section,
)

pytestmark = pytest.mark.django_db


def _page(section):
    page = IndicatorsPage(title="Показатели", slug="pokazateli")
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_charts_are_text_with_a_table_and_no_names(client):
    school = seed_001_school()
    MonitoringYear.objects.create(
        site=school["site"], academic_year="2021/2022", students_10_19=100
    )
    page = _page(school["section"])
    html = client.get(page.url).content.decode()
    assert html.count('<ul class="mentoring-chart__rows" role="list">') == 5
    assert (
        '<h2 id="indicator-mentee_satisfaction">Уровень удовлетворённости наставляемых'
        in html
    )
    # The bars are drawing only: the figures are the rows' text.
    bars = re.findall(r"<svg class=\"mentoring-chart__bar\"[^>]*>", html)
    assert bars and all('aria-hidden="true"' in bar for bar in bars)
    assert '<span class="mentoring-chart__value">56 %</span>' in html
    assert "33 из 59 – 56 %" in html and "8 из 12 – 67 %" in html
    # Years side by side, oldest first, in the chart and in the table.
    assert html.index('<th scope="row">2021/2022') < html.index(
        '<th scope="row">2022/2023'
    )
    assert "<script" not in html.split("<main")[1]
    assert "Фамилия" not in html


def test_no_figure_for_a_group_smaller_than_the_threshold(client, settings):
    site, section = site_and_section()
    MonitoringYear.objects.create(
        site=site, academic_year=YEAR, students_10_19=4, students_15_19=30
    )
    mentor = make_mentor(site, "student", 1, 2005)
    make_group(
        site,
        mentor,
        [make_mentee(site, "student", i, 2010) for i in range(3)],
        "student-student",
    )
    page = _page(section)
    html = client.get(page.url).content.decode()
    assert "3 из 4" not in html
    assert "не показывается: меньше 5 человек" in html
    assert "1 из 30 – 3 %" in html
    settings.MENTORING_WAGTAIL_MIN_GROUP_SIZE = 2
    html = client.get(page.url).content.decode()
    assert "3 из 4 – 75 %" in html
    assert '<rect class="mentoring-chart__fill" x="0" y="32%" width="75%"' in html


def _groups(site, count, offset):
    mentor = make_mentor(site, "teacher", offset, 1980)
    for i in range(count):
        make_group(
            site,
            mentor,
            [make_mentee(site, "student", offset + i, 2010)],
            "teacher-student",
        )


def test_same_queries_for_few_and_many_groups(client):
    site, section = site_and_section()
    MonitoringYear.objects.create(site=site, academic_year=YEAR, students_10_19=500)
    page = _page(section)
    client.get(page.url)
    _groups(site, 3, 1000)
    with CaptureQueriesContext(connection) as few:
        assert "3 из 500" in client.get(page.url).content.decode()
    _groups(site, 60, 2000)
    with CaptureQueriesContext(connection) as many:
        assert "63 из 500" in client.get(page.url).content.decode()
    assert len(few) == len(many)

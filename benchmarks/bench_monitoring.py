"""Monitoring speed: the «Показатели» page, the yearly report, the indicators.

    .venv/bin/python benchmarks/bench_monitoring.py

1. The public indicators page and the yearly report for a school with 10
   groups and for one with 1,000 groups: the same number of queries.
2. A year's indicators over 3,000 mentees and 20,000 questionnaire answers
   (target: under 1 s; printed, never asserted).
"""

import random

from harness import benchmark_database, format_row, measure, scaled

GROUPS_LARGE, GROUPS_SMALL = scaled(1000, 4), scaled(10, 2)
ANSWERS = scaled(20000, 30)
YEAR = "2024/2025"


def make_school(name, groups, answers):
    from wagtail.models import Page, Site

    from mentoring_wagtail.models import MentoringIndexPage
    from mentoring_wagtail.monitoring.models import (
        IndicatorsPage,
        MonitoringYear,
        QuestionnaireAnswer,
        QuestionnaireField,
        QuestionnairePage,
        ResponseToken,
    )
    from mentoring_wagtail.participants.models import (
        GroupMembership,
        Mentee,
        Mentor,
        MentoringForm,
        MentoringGroup,
        Person,
    )

    root = Page.get_first_root_node()
    home = root.add_child(instance=Page(title=name, slug=name))
    site = Site.objects.create(
        hostname=f"{name}.example", root_page=home, site_name=name
    )
    section = home.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="m")
    )
    page = section.add_child(
        instance=IndicatorsPage(title="Показатели", slug="pokazateli")
    )
    form = MentoringForm.objects.get(code="teacher-student")
    rng = random.Random(groups)
    mentors = Person.objects.bulk_create(
        Person(
            site=site,
            kind="teacher",
            last_name=f"Наставник{i}",
            first_name="И",
            birth_year=1980,
        )
        for i in range(groups)
    )
    mentors = Mentor.objects.bulk_create(Mentor(person=p, capacity=3) for p in mentors)
    people = Person.objects.bulk_create(
        Person(
            site=site,
            kind="student",
            last_name=f"Ученик{i}",
            first_name="И",
            birth_year=2005 + i % 10,
        )
        for i in range(groups * 3)
    )
    mentees = Mentee.objects.bulk_create(Mentee(person=p) for p in people)
    group_rows = MentoringGroup.objects.bulk_create(
        MentoringGroup(
            site=site, mentor=m, form=form, academic_year=YEAR, status="active"
        )
        for m in mentors
    )
    GroupMembership.objects.bulk_create(
        GroupMembership(group=group_rows[i // 3], mentee=mentee)
        for i, mentee in enumerate(mentees)
    )
    MonitoringYear.objects.create(
        site=site,
        academic_year=YEAR,
        students_10_19=groups * 4,
        students_15_19=groups * 4,
    )
    remaining, number = answers, 0
    while remaining > 0:
        number += 1
        questionnaire = QuestionnairePage(
            title=f"Анкета {number}",
            slug=f"anketa-{number}",
            academic_year=YEAR,
            audience="mentees",
            moment="end" if number % 2 else "start",
        )
        questionnaire.form_fields = [
            QuestionnaireField(label="Довольны?", field_type="satisfaction")
        ]
        section.add_child(instance=questionnaire)
        batch = min(remaining, len(mentees))
        tokens = ResponseToken.objects.bulk_create(
            ResponseToken(
                questionnaire=questionnaire,
                token_hash=f"{name}-{number}-{i}",
                group=group_rows[i // 3],
                role="mentee",
                respondent_kind="student",
            )
            for i in range(batch)
        )
        QuestionnaireAnswer.objects.bulk_create(
            QuestionnaireAnswer(
                page=questionnaire,
                form_data={"dovolny": s},
                group=t.group,
                role="mentee",
                satisfaction=s,
                token=t,
            )
            for t, s in ((t, rng.randint(1, 5)) for t in tokens)
        )
        remaining -= batch
    page.save_revision().publish()
    return site, page


def main():
    with benchmark_database():
        from django.test import Client, override_settings

        from mentoring_wagtail.monitoring.indicators import compute_indicators
        from mentoring_wagtail.monitoring.report import build_report

        small_site, small_page = make_school("small", GROUPS_SMALL, scaled(200, 10))
        large_site, large_page = make_school("large", GROUPS_LARGE, ANSWERS)
        client = Client()

        def page(site, target):
            # The page's own work is measured, not the whole-page cache's hits.
            def get():
                with override_settings(MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT=0):
                    response = client.get(target.url, HTTP_HOST=site.hostname)
                assert response.status_code == 200, response.status_code

            return get

        small = measure(page(small_site, small_page), runs=10)
        large = measure(page(large_site, large_page), runs=10)
        print(
            format_row(
                f"indicators page, {GROUPS_LARGE} vs {GROUPS_SMALL} groups",
                large,
                small,
            )
        )
        small = measure(lambda: build_report(small_site, YEAR), runs=5)
        large = measure(lambda: build_report(large_site, YEAR), runs=5)
        print(
            format_row(
                f"yearly report, {GROUPS_LARGE} vs {GROUPS_SMALL} groups", large, small
            )
        )
        year = measure(lambda: compute_indicators(large_site, [YEAR]), runs=10)
        print(
            f"a year's indicators over {GROUPS_LARGE * 3} mentees and {ANSWERS} answers: "
            f"{year.median_ms:.0f} ms median, {year.queries} queries (target < 1000 ms)"
        )


if __name__ == "__main__":
    main()

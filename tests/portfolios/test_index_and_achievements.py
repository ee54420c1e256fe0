"""«Наши наставники»: filters without JavaScript, flat queries; numbers, not names."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentoring_wagtail.participants.models import (
    GroupMembership,
    Mentee,
    MentoringForm,
    MentoringGroup,
    Person,
)
from mentoring_wagtail.portfolios.models import Award, MenteeAchievement

pytestmark = pytest.mark.django_db


# The section and the roles are built once for this module (conftest.py).
@pytest.fixture
def roles(roles_once):
    return roles_once


@pytest.fixture
def mentoring_section(roles_once):
    return roles_once


def names_in(html, mentors):
    return {m.person.last_name for m in mentors if m.person.last_name in html}


@pytest.fixture
def three(make_mentor, make_portfolio):
    maths = make_mentor("Алексеева", subject="Математика")
    russian = make_mentor("Борисова", subject="Русский язык")
    physics = make_mentor("Васильева", subject="Физика")
    maths.forms.set(MentoringForm.objects.filter(code="teacher-student"))
    russian.forms.set(MentoringForm.objects.filter(code="teacher-teacher"))
    physics.forms.set(MentoringForm.objects.filter(code="teacher-student"))
    for mentor in (maths, russian, physics):
        make_portfolio(mentor)
    return maths, russian, physics


def test_filters_by_form_and_subject_in_a_plain_get_form(client, three, mentor_index):
    maths, russian, physics = three
    html = client.get(mentor_index.url).content.decode()
    assert names_in(html, three) == {"Алексеева", "Борисова", "Васильева"}
    assert '<form method="get"' in html and 'name="form"' in html
    assert 'name="subject"' in html and "<script" not in html

    html = client.get(mentor_index.url, {"form": "teacher-student"}).content.decode()
    assert names_in(html, three) == {"Алексеева", "Васильева"}
    html = client.get(
        mentor_index.url, {"form": "teacher-student", "subject": "Физика"}
    ).content.decode()
    assert names_in(html, three) == {"Васильева"}
    html = client.get(mentor_index.url, {"subject": "Русский язык"}).content.decode()
    assert names_in(html, three) == {"Борисова"}
    # Unknown values filter to nothing and never fail.
    response = client.get(mentor_index.url, {"form": "<x>", "p": "abc"})
    assert response.status_code == 200
    assert not names_in(response.content.decode(), three)


def test_the_listing_costs_the_same_queries_for_few_and_many(
    client, make_mentor, make_portfolio, mentor_index
):
    def add(count, start):
        for number in range(start, start + count):
            mentor = make_mentor(f"Наставник{number:04d}")
            mentor.forms.set(MentoringForm.objects.all()[:2])
            make_portfolio(mentor)

    def queries():
        client.get(mentor_index.url)  # warm caches (site root paths, settings)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(mentor_index.url, {"form": "teacher-student"})
        assert response.status_code == 200
        return len(captured)

    add(10, 0)
    few = queries()
    add(60, 10)  # more than a page of the listing
    many = queries()
    assert few == many


def count_shown(html, key):
    import re

    match = re.search(rf'data-count="{key}">[^<]*<strong>(\d+)</strong>', html)
    return int(match.group(1))


def test_achievements_are_numbers_and_never_a_mentees_name(
    client, make_mentor, make_portfolio, site
):
    mentor = make_mentor("Алексеева", username="alexeeva")
    form = MentoringForm.objects.get(code="teacher-student")
    group = MentoringGroup.objects.create(
        site=site,
        mentor=mentor,
        form=form,
        academic_year="2025/2026",
        status="finished",
    )
    for last_name in ("Тайнова", "Скрытов"):
        person = Person.objects.create(
            site=site,
            kind="student",
            last_name=last_name,
            first_name="Юлия",
            class_or_group="7 «Б»",
        )
        mentee = Mentee.objects.create(person=person)
        GroupMembership.objects.create(group=group, mentee=mentee)
    page = make_portfolio(mentor)
    MenteeAchievement.objects.create(
        page=page, title="Призёры олимпиады", level="municipal", mentees_count=2
    )
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Тайнова" not in html and "Скрытов" not in html and "7 «Б»" not in html
    assert count_shown(html, "mentees") == 2
    assert count_shown(html, "finished_groups") == 1
    assert "Призёры олимпиады" in html.split("data-achievements", 1)[1]


def test_awards_show_on_the_portfolio(client, make_mentor, make_portfolio):
    mentor = make_mentor("Алексеева")
    page = make_portfolio(mentor)
    Award.objects.create(mentor=mentor, title="Лучший наставник", year=2025)
    html = client.get(page.url).content.decode()
    assert "Лучший наставник" in html and "2025" in html


def test_an_unpublishable_author_is_not_named_on_a_practice(
    client, make_mentor, make_portfolio, roles
):
    from mentoring_wagtail.portfolios.models import (
        PracticeAuthor,
        PracticeIndexPage,
        PracticePage,
    )

    shown = make_mentor("Открытова")
    hidden = make_mentor("Закрытова", publication=False)
    shown_page = make_portfolio(shown)
    hidden_page = make_portfolio(hidden, publish=False)
    index = roles.add_child(
        instance=PracticeIndexPage(title="Копилка", slug="practices")
    )
    practice = index.add_child(
        instance=PracticePage(
            title="Практика",
            slug="p",
            problem="<p>Проблема</p>",
            what_was_done="<p>Сделано</p>",
            results="<p>Итог</p>",
            subject="Математика",
        )
    )
    PracticeAuthor.objects.create(page=practice, portfolio=shown_page)
    PracticeAuthor.objects.create(page=practice, portfolio=hidden_page)
    html = client.get(practice.url).content.decode()
    assert "Открытова" in html and "Закрытова" not in html
    listing = client.get(index.url, {"subject": "Математика"}).content.decode()
    assert "Практика" in listing
    listing = client.get(index.url, {"subject": "Физика"}).content.decode()
    assert "Практика" not in listing
    # The practice also appears on its public author's portfolio.
    assert "Практика" in client.get(shown_page.url).content.decode()

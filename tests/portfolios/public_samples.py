"""Samples of the portfolios' public page types for ``tests/section``'s checks."""

import datetime

from django.utils import timezone

from mentoring_wagtail.portfolios.models import (
    MentorIndexPage,
    MentorPortfolioPage,
    PracticeIndexPage,
    PracticePage,
)
from tests.section.public_pages import public_page_factory


def _mentor(site):
    """An approved mentor who consented to publication."""
    from mentoring_wagtail.participants.models import (
        Mentor,
        MentorStatus,
        Person,
        PersonalDataConsent,
    )

    existing = Mentor.objects.filter(person__last_name="Соколова").first()
    if existing:
        return existing
    person = Person.objects.create(
        site=site,
        kind="teacher",
        last_name="Соколова",
        first_name="Анна",
        patronymic="Ивановна",
        position="учитель",
    )
    PersonalDataConsent.objects.create(
        person=person,
        given_on=timezone.localdate() - datetime.timedelta(days=10),
        covers_processing=True,
        covers_publication=True,
    )
    return Mentor.objects.create(
        person=person,
        status=MentorStatus.APPROVED,
        subject_area="Математика",
        experience_years=12,
    )


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _mentor_index(section):
    existing = MentorIndexPage.objects.child_of(section).first()
    if existing:
        return existing
    return _publish(section, MentorIndexPage(title="Наши наставники", slug="mentors"))


def _portfolio(section):
    index = _mentor_index(section)
    existing = MentorPortfolioPage.objects.child_of(index).live().first()
    if existing:
        return existing
    mentor = _mentor(index.get_site())
    return _publish(
        index,
        MentorPortfolioPage(
            title=mentor.person.full_name,
            slug=f"mentor-{mentor.pk}",
            mentor=mentor,
            subject=mentor.subject_area,
            biography="<p>Люблю свой предмет.</p>",
        ),
    )


def _practice_index(section):
    existing = PracticeIndexPage.objects.child_of(section).first()
    if existing:
        return existing
    return _publish(
        section, PracticeIndexPage(title="Лучшие практики", slug="practices")
    )


def _practice(section):
    index = _practice_index(section)
    existing = PracticePage.objects.child_of(index).live().first()
    if existing:
        return existing
    return _publish(
        index,
        PracticePage(
            title="Проектная неделя с наставником",
            slug="proektnaya-nedelya",
            subject="Математика",
            problem="<p>Ученики не видят, зачем им геометрия.</p>",
            what_was_done="<p>Неделя проектов с измерениями на местности.</p>",
            results="<p>Средний балл вырос.</p>",
        ),
    )


@public_page_factory(MentorIndexPage)
def mentor_index_sample(section):
    portfolio = _portfolio(section)
    return portfolio.get_parent().specific, portfolio.title


@public_page_factory(MentorPortfolioPage)
def portfolio_sample(section):
    portfolio = _portfolio(section)
    return portfolio, "Люблю свой предмет."


@public_page_factory(PracticeIndexPage)
def practice_index_sample(section):
    practice = _practice(section)
    return practice.get_parent().specific, practice.title


@public_page_factory(PracticePage)
def practice_sample(section):
    return _practice(section), "Неделя проектов с измерениями на местности."

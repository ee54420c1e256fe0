"""The participants' admin at school size and at a large district's size.

    .venv/bin/python benchmarks/bench_participants.py
    MENTORING_DB=postgres .venv/bin/python benchmarks/bench_participants.py

Prints, side by side in one run, for 10 mentors / 30 mentees and for 1 000
mentors / 3 000 mentees (50 rows a page): each base listing, a group's
inspect and edit pages and the ranking screen for one mentee, as the curator
and as a mentor signed in; then «Предложить пары» for 10/30 against 100/300
(the cohort size the issue sets for assignment). Each line gives the median
time and the SQL queries of both sizes: the query counts must be equal.
Ranking and assignment arithmetic is timed by ``bench_matching.py``.

    .venv/bin/python benchmarks/bench_participants.py group-edit

times only a group's edit form (GET, and a POST that saves it) and the mentee
chooser with a search, at 10 mentors / 30 mentees and at 1 000 / 3 000.
"""

import datetime
import itertools
import sys

from harness import benchmark_database, format_row, measure, scaled

SMALL = scaled((10, 30), (2, 4))
LARGE = scaled((1_000, 3_000), (4, 8))
COHORT = scaled((100, 300), (3, 6))
_names = itertools.count(1)


def add_people(site, mentors, mentees, approved_forms):
    from mentoring_wagtail.participants.models import (
        GroupMembership,
        Mentee,
        Mentor,
        MentoringGroup,
        Person,
        PersonalDataConsent,
    )

    year = datetime.date.today().year
    people = Person.objects.bulk_create(
        [
            Person(
                site=site,
                kind="teacher" if n < mentors else "student",
                last_name=f"Фамилия{next(_names)}",
                first_name="Имя",
                birth_year=year - (40 if n < mentors else 13),
                class_or_group="" if n < mentors else "7 «А»",
            )
            for n in range(mentors + mentees)
        ]
    )
    given = datetime.date.today() - datetime.timedelta(days=30)
    PersonalDataConsent.objects.bulk_create(
        [
            PersonalDataConsent(
                person=person,
                given_on=given,
                given_by="legal_representative" if person.kind == "student" else "self",
                representative_name="Представитель",
                representative_relation="мать",
            )
            for person in people
        ]
    )
    new_mentors = Mentor.objects.bulk_create(
        [
            Mentor(
                person=person,
                status="approved",
                capacity=3,
                competencies="математика, физика, олимпиады",
                interests="шахматы",
                subject_area="математика",
            )
            for person in people[:mentors]
        ]
    )
    Mentor.forms.through.objects.bulk_create(
        [
            Mentor.forms.through(mentor_id=m.pk, mentoringform_id=form.pk)
            for m in new_mentors
            for form in approved_forms
        ]
    )
    new_mentees = Mentee.objects.bulk_create(
        [
            Mentee(
                person=person,
                request_kind="academic",
                request_text="подготовка к олимпиаде по математике",
                interests="шахматы",
            )
            for person in people[mentors:]
        ]
    )
    # A third of the mentees in groups of two, led by the first mentors.
    groups = MentoringGroup.objects.bulk_create(
        [
            MentoringGroup(
                site=site,
                mentor=new_mentors[n % len(new_mentors)],
                form=approved_forms[0],
                academic_year="2025/2026",
                status="active",
            )
            for n in range(len(new_mentees) // 6)
        ]
    )
    GroupMembership.objects.bulk_create(
        [
            GroupMembership(group=group, mentee=mentee)
            for index, group in enumerate(groups)
            for mentee in new_mentees[2 * index : 2 * index + 2]
        ]
    )


def main():
    with benchmark_database():
        from django.test import Client
        from django.urls import reverse
        from wagtail.models import Site

        from mentoring_wagtail.participants.models import (
            Meeting,
            Mentee,
            MentoringForm,
            MentoringGroup,
        )
        from mentoring_wagtail.setup.steps import run_setup
        from tests.approvals_support import make_user
        from tests.participants.support import make_group, make_mentee, make_mentor

        run_setup()
        site = Site.objects.get(is_default_site=True)
        forms = list(MentoringForm.objects.filter(code="teacher-student"))
        curator = make_user("curator", "curator")
        mentor_user = make_user("mentor", "mentor")
        own = make_group(
            make_mentor(user=mentor_user, capacity=5),
            mentees=[make_mentee(), make_mentee()],
        )
        for days in range(5):
            Meeting.objects.create(
                group=own, date=datetime.date.today() - datetime.timedelta(days=days)
            )
        probe = make_mentee(request_text="олимпиада по физике")

        def client_for(user):
            client = Client()
            client.force_login(user)
            return client

        curator_client, mentor_client = client_for(curator), client_for(mentor_user)
        screens = {
            "people listing": (curator_client, reverse("mentoring_people:index")),
            "consents listing": (curator_client, reverse("mentoring_consents:index")),
            "mentor base": (curator_client, reverse("mentoring_mentors:index")),
            "mentee base": (curator_client, reverse("mentoring_mentees:index")),
            "groups listing": (curator_client, reverse("mentoring_groups:index")),
            "meeting log": (curator_client, reverse("mentoring_meetings:index")),
            "group page (inspect)": (
                curator_client,
                reverse("mentoring_groups:inspect", args=[own.pk]),
            ),
            "group page (edit)": (
                curator_client,
                reverse("mentoring_groups:edit", args=[own.pk]),
            ),
            "ranking for one mentee": (
                curator_client,
                reverse("mentoring_matching:rank", args=[probe.pk]),
            ),
            "mentor's groups": (mentor_client, reverse("mentoring_groups:index")),
            "mentor's meetings": (mentor_client, reverse("mentoring_meetings:index")),
        }

        def measure_all():
            return {
                name: measure(lambda c=c, u=u: c.get(u), runs=5, warmup=1)
                for name, (c, u) in screens.items()
            }

        add_people(site, *SMALL, forms)
        small = measure_all()
        cohort_url = reverse("mentoring_matching:cohort")
        cohort_small = measure(lambda: curator_client.get(cohort_url), runs=3, warmup=1)
        add_people(site, COHORT[0] - SMALL[0], COHORT[1] - SMALL[1], forms)
        # Only the cohort without a group is proposed: keep it at the set size.
        free = Mentee.objects.exclude(memberships__group__status="active").count()
        cohort_large = measure(lambda: curator_client.get(cohort_url), runs=3, warmup=1)
        add_people(site, LARGE[0] - COHORT[0], LARGE[1] - COHORT[1], forms)
        large = measure_all()
        for name in screens:
            print(
                format_row(
                    f"{name}, {LARGE[0]}/{LARGE[1]} vs {SMALL[0]}/{SMALL[1]}",
                    large[name],
                    small[name],
                )
            )
        print(
            format_row(
                f"«Предложить пары», {free} mentees without a group vs {SMALL[1]}",
                cohort_large,
                cohort_small,
            )
        )
        print(f"groups in the large base: {MentoringGroup.objects.count()}")


def group_edit():
    """The group's edit form and the mentee chooser, small base vs large."""
    with benchmark_database():
        from django.test import Client
        from django.urls import NoReverseMatch, reverse
        from wagtail.models import Site

        from mentoring_wagtail.participants.models import MentoringForm
        from mentoring_wagtail.setup.steps import run_setup
        from tests.approvals_support import make_user
        from tests.participants.support import make_group, make_mentee, make_mentor

        run_setup()
        site = Site.objects.get(is_default_site=True)
        forms = list(MentoringForm.objects.filter(code="teacher-student"))
        client = Client()
        client.force_login(make_user("curator", "curator"))
        group = make_group(
            make_mentor(capacity=5), mentees=[make_mentee(), make_mentee()]
        )
        edit_url = reverse("mentoring_groups:edit", args=[group.pk])
        data = {
            "mentor": group.mentor.pk,
            "mentees": list(group.mentees.values_list("pk", flat=True)),
            "form": group.form.pk,
            "academic_year": "2025/2026",
            "start": group.start.isoformat(),
            "status": "active",
        }
        screens = {
            "group edit form (GET)": lambda: client.get(edit_url),
            "group edit, save (POST)": lambda: client.post(edit_url, data),
        }
        try:
            chooser = reverse("mentoring_mentee_chooser:choose_results")
        except NoReverseMatch:  # before the choosers existed
            chooser = None
        if chooser:
            screens["mentee chooser, search «Фамилия1»"] = lambda: client.get(
                chooser, {"q": "Фамилия1"}
            )

        def measure_all():
            return {
                name: measure(action, runs=5, warmup=1)
                for name, action in screens.items()
            }

        add_people(site, *SMALL, forms)
        small = measure_all()
        add_people(site, LARGE[0] - SMALL[0], LARGE[1] - SMALL[1], forms)
        large = measure_all()
        for name in screens:
            print(
                format_row(
                    f"{name}, {LARGE[0]}/{LARGE[1]} vs {SMALL[0]}/{SMALL[1]}",
                    large[name],
                    small[name],
                )
            )


if __name__ == "__main__":
    group_edit() if sys.argv[1:] == ["group-edit"] else main()

"""A group never brings together a mentor of one school and a mentee of another.

The rule is the membership rule's (``participants/membership.py``): model
validation, the group form, «Добавить наставляемых», the matching screens and
the Excel import all call it. A plain role covers every school, so it is the
one that could try: the matching never proposes such a pair and the form
refuses it with a message; a per-site role is offered its own school's people
only, in choosers, «Доступ» and attendee pickers.
"""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring_wagtail.participants.matching_adapters import mentees_for_matching
from mentoring_wagtail.participants.membership import add_mentees
from mentoring_wagtail.participants.models import (
    GroupMembership,
    MentoringGroup,
    Person,
)

from ..access.schools_support import build_schools, built_once
from ..approvals_support import make_user
from .support import form, make_group, make_mentee, make_mentor

# Every test starts from the rows built once, in whatever order they run.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("people")]


def build_people():
    """The two schools, a mentor and a mentee in each, and a plain curator."""
    a, b = build_schools()
    for school in (a, b):
        letter = "А" if school is a else "Б"
        school.mentor = make_mentor(
            site=school.site, last_name=f"Наставникова{letter}", capacity=5
        )
        school.mentee = make_mentee(site=school.site, last_name=f"Ученикова{letter}")
    return a, b, plain_curator()


# Built once for the module; each test starts from it (tests/module_state.py).
_schools, people = built_once(build_people)


def plain_curator():
    """A member of «Куратор» without a site mark: the role on every school."""
    from django.contrib.auth.models import Group

    from mentoring_wagtail.access.staff_roles import get_role
    from mentoring_wagtail.models import MentoringIndexPage
    from mentoring_wagtail.setup.steps import (
        _grant_role,
        get_documents_collection,
        run_setup,
    )

    role = get_role("curator")
    group, _created = Group.objects.get_or_create(name=role.name)
    _grant_role(
        group, role, list(MentoringIndexPage.objects.all()), get_documents_collection()
    )
    run_setup()  # the apps' rights for every group of the role
    user = make_user("plain_curator")
    user.groups.add(group)
    return user


def test_the_model_refuses_a_mentor_of_another_school(people):
    a, b, _plain = people
    group = MentoringGroup(
        site=a.site,
        mentor=b.mentor,
        form=form(),
        academic_year="2025/2026",
        status="forming",
    )
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert b.mentor.person.full_name in " ".join(error.value.message_dict["mentor"])


def test_the_model_refuses_a_mentee_of_another_school(people):
    a, b, _plain = people
    group = make_group(a.mentor, status="forming")
    membership = GroupMembership(group=group, mentee=b.mentee)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert b.mentee.person.full_name in " ".join(error.value.message_dict["mentee"])
    with pytest.raises(ValidationError):
        add_mentees(group, [b.mentee])
    assert not group.memberships.exists()
    add_mentees(group, [a.mentee])  # the own school's mentee joins
    assert list(group.mentees.all()) == [a.mentee]


def test_the_group_form_refuses_the_pair_with_a_message(client, people):
    a, b, plain = people
    client.force_login(plain)
    response = client.post(
        reverse("mentoring_groups:add"),
        {
            "site": a.site.pk,
            "mentor": a.mentor.pk,
            "mentees": [b.mentee.pk],
            "form": form().pk,
            "academic_year": "2025/2026",
            "status": "forming",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert b.mentee.person.last_name in response.text
    assert not MentoringGroup.objects.exists()
    # A group of school A with school B's mentor: refused on the mentor.
    response = client.post(
        reverse("mentoring_groups:add"),
        {
            "site": a.site.pk,
            "mentor": b.mentor.pk,
            "mentees": [],
            "form": form().pk,
            "academic_year": "2025/2026",
            "status": "forming",
        },
    )
    assert response.status_code == 200
    assert not MentoringGroup.objects.exists()


def test_matching_never_proposes_a_pair_across_schools(client, people):
    a, b, plain = people
    # School B has no mentor free: the best "fit" for its mentee would be A's.
    MentoringGroup.objects.all().delete()
    b.mentor.status = "candidate"
    b.mentor.save()
    client.force_login(plain)
    html = client.get(reverse("mentoring_matching:cohort")).text
    for mentee in mentees_for_matching():
        select = re.search(
            rf'name="mentor_{mentee.pk}">(.*?)</select>', html, re.S
        ).group(1)
        offered = {int(pk) for pk in re.findall(r'value="(\d+)"', select)}
        school_mentors = {
            m.pk
            for m in (a.mentor, b.mentor)
            if m.person.site_id == mentee.person.site_id
        }
        assert offered <= school_mentors, mentee
    # Posting the cross-school pair by hand is refused, nothing saved.
    response = client.post(
        reverse("mentoring_matching:cohort"), {f"mentor_{b.mentee.pk}": a.mentor.pk}
    )
    assert response.status_code < 500
    assert not MentoringGroup.objects.exists()
    # One mentee's ranking offers the mentors of the mentee's school only.
    ranked = client.get(reverse("mentoring_matching:rank", args=[b.mentee.pk])).text
    assert a.mentor.person.last_name not in ranked


def test_per_site_roles_are_offered_their_schools_people_only(client, people):
    a, b, _plain = people
    curator = a.users["curator"]
    client.force_login(curator)
    for url in (
        reverse("mentoring_mentee_chooser:choose"),
        reverse("mentoring_mentor_chooser:choose"),
        reverse("mentoring_groups:add"),
        reverse("mentoring_meetings:add"),
    ):
        text = client.get(url).text
        assert b.mentee.person.last_name not in text, url
        assert b.mentor.person.last_name not in text, url
    # The attendee picker of a meeting lists its group's people.
    group = make_group(a.mentor, mentees=[a.mentee])
    from mentoring_wagtail.participants.admin.meeting_form import member_people

    assert set(member_people(group)) == {a.mentor.person, a.mentee.person}
    # «Доступ» on school A's record offers no staff of school B alone.
    person = a.mentee.person
    text = client.get(
        reverse(
            "mentoring_sharing:object",
            args=["mentoring_participants", "person", person.pk],
        )
    ).text
    assert f"(сайт {b.site.pk})" not in text
    assert Person.objects.filter(pk=person.pk).exists()

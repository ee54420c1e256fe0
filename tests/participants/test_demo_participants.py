"""The demo school has invented mentors, mentees, consents, groups and meetings."""

from io import StringIO

import pytest
from demo.loaders.participants import MENTEES, MENTORS
from demo.school import DEMO_PASSWORD
from django.core.management import call_command
from django.urls import reverse

from mentoring_wagtail.participants.models import (
    GroupPlanTask,
    Meeting,
    Mentee,
    Mentor,
    MentoringGroup,
    Person,
    PersonalDataConsent,
)

pytestmark = pytest.mark.django_db(transaction=True)


def counts():
    return tuple(
        model.objects.count()
        for model in (
            Person,
            PersonalDataConsent,
            Mentor,
            Mentee,
            MentoringGroup,
            GroupPlanTask,
            Meeting,
        )
    )


def test_demo_participants_load_twice_unchanged_and_the_mentor_sees_his_group(client):
    call_command("load_demo_school", stdout=StringIO())
    before = counts()
    # The portfolios and monitoring loaders add people of their own.
    mentors = set(Mentor.objects.values_list("person__last_name", flat=True))
    assert {mentor["person"][0] for mentor in MENTORS} <= mentors
    mentees = set(Mentee.objects.values_list("person__last_name", flat=True))
    assert {mentee[0] for mentee in MENTEES} <= mentees
    assert MentoringGroup.objects.count() >= 3 and Meeting.objects.exists()
    # Everyone has a consent; minors through a legal representative.
    for person in Person.objects.all():
        assert person.has_processing_consent
        if person.is_minor():
            assert person.consents.get().given_by == "legal_representative"
    call_command("load_demo_school", stdout=StringIO())
    assert counts() == before

    assert client.login(username="mentor", password=DEMO_PASSWORD)
    groups = client.get(reverse("mentoring_groups:index")).text
    assert "Клёнов" in groups and "Ладожская" not in groups
    meetings = client.get(reverse("mentoring_meetings:index")).text
    assert "Осинкина" in meetings and "Рябинина" not in meetings

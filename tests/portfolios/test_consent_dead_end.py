"""A mentor without a publication consent meets no dead end (issue 25, item 4)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


# The section and the roles are built once for this module (conftest.py).
@pytest.fixture
def roles(roles_once):
    return roles_once


@pytest.fixture
def mentoring_section(roles_once):
    return roles_once


def home(client, user):
    client.force_login(user)
    with translation.override("ru"):
        response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_mentor_is_told_what_is_missing_and_the_curator_gets_a_task(
    client, make_mentor, mentor_index, curator, settings
):
    settings.LANGUAGE_CODE = "ru"
    mentor = make_mentor("Без-Согласия", username="olga", publication=False)
    text = home(client, mentor.person.user)
    assert "Создать моё портфолио" not in text  # not offered: it would be refused
    assert "data-portfolio-missing" in text
    assert "куратор" in text  # who fixes it
    # The curator's dashboard lists her, with the way to record the consent.
    text = home(client, curator)
    task = text.split("data-mentoring-consent-tasks", 1)
    assert len(task) == 2, "no task on the curator's dashboard"
    assert "Без-Согласия" in task[1]
    assert reverse("mentoring_consents:add") in task[1]


def test_with_the_consent_the_mentor_may_create_and_no_task_is_left(
    client, make_mentor, mentor_index, curator, settings
):
    settings.LANGUAGE_CODE = "ru"
    mentor = make_mentor("Согласная", username="vera", publication=True)
    text = home(client, mentor.person.user)
    assert "Создать моё портфолио" in text
    assert "data-portfolio-missing" not in text
    assert "data-mentoring-consent-tasks" not in home(client, curator)

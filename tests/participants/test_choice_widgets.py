"""Free time and a form's kinds of people are ticked, not typed as JSON.

The stored format stays a JSON list of codes; a stored code unknown to the
choices survives a save.
"""

import pytest
from django.urls import reverse

from mentoring_wagtail.participants.models import MentoringForm
from tests.approvals_support import login, make_user, setup_roles

from .support import make_mentee, make_mentor

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(client, mentoring_section):
    setup_roles()
    return login(client, make_user("curator", "curator"))


def test_mentor_and_mentee_free_time_are_checkboxes(curator):
    mentor = make_mentor()
    mentee = make_mentee()
    for prefix, obj in (("mentoring_mentors", mentor), ("mentoring_mentees", mentee)):
        html = curator.get(reverse(f"{prefix}:edit", args=[obj.pk])).text
        assert 'type="checkbox" name="free_time" value="tue_after_school"' in html
        assert "вторник после уроков" in html
        assert '<textarea name="free_time"' not in html


def test_a_form_of_mentoring_is_saved_from_ticks_as_a_list(curator):
    html = curator.get(reverse("mentoring_forms:add")).text
    assert 'type="checkbox" name="mentor_kinds" value="teacher"' in html
    response = curator.post(
        reverse("mentoring_forms:add"),
        {
            "name": "учитель – выпускник",
            "code": "teacher-graduate",
            "mentor_kinds": ["teacher"],
            "mentee_kinds": ["graduate", "student"],
            "sort_order": 50,
        },
    )
    assert response.status_code == 302
    created = MentoringForm.objects.get(code="teacher-graduate")
    assert created.mentor_kinds == ["teacher"]
    assert created.mentee_kinds == ["graduate", "student"]

    created.mentee_kinds = ["graduate", "parent_club"]  # a code from elsewhere
    created.save()
    html = curator.get(reverse("mentoring_forms:edit", args=[created.pk])).text
    assert 'value="parent_club" checked' in html or (
        'value="parent_club"' in html and "checked" in html
    )
    response = curator.post(
        reverse("mentoring_forms:edit", args=[created.pk]),
        {
            "name": created.name,
            "code": created.code,
            "mentor_kinds": ["teacher"],
            "mentee_kinds": ["graduate", "parent_club"],
            "sort_order": 50,
        },
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.mentee_kinds == ["graduate", "parent_club"]

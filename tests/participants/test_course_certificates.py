"""A mentor's course certificate follows the consent scan's rule.

It names its holder, so it is checked by content (a real PDF or JPEG/PNG
image, whatever its name) and must lie in a collection closed to visitors;
refused in the admin with a message on the field, and nothing saved.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring_wagtail.participants.models import MentorCourse
from tests.approvals_support import login, make_user, setup_roles
from tests.documents_support import docx_bytes, exe_bytes, pdf_bytes

from .support import image_bytes, make_mentor, upload_document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("data", "filename", "private", "accepted"),
    [
        (pdf_bytes("Удостоверение"), "cert.pdf", True, True),
        (image_bytes("PNG"), "cert.png", True, True),
        (image_bytes("JPEG"), "cert.jpg", True, True),
        (exe_bytes(), "cert.pdf", True, False),
        (docx_bytes("Удостоверение"), "cert.pdf", True, False),
        (pdf_bytes("Удостоверение")[:-40], "cert.pdf", True, False),
        (pdf_bytes("Удостоверение"), "cert.pdf", False, False),
    ],
)
def test_the_certificate_is_checked_like_a_consent_scan(
    data, filename, private, accepted
):
    course = MentorCourse(
        mentor=make_mentor(),
        title="Наставничество в школе",
        hours=36,
        certificate=upload_document(
            data, filename, title="Удостоверение", private=private
        ),
    )
    if accepted:
        course.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            course.full_clean()
        assert list(error.value.message_dict) == ["certificate"]


def test_the_admin_refuses_a_public_certificate_and_saves_nothing(
    client, mentoring_section
):
    setup_roles()
    login(client, make_user("curator", "curator"))
    mentor = make_mentor()
    public = upload_document(pdf_bytes("Удостоверение"), "cert.pdf", private=False)
    response = client.post(
        reverse("mentoring_mentor_courses:add"),
        {
            "mentor": mentor.pk,
            "title": "Наставничество в школе",
            "hours": 36,
            "year": 2025,
            "certificate": public.pk,
        },
    )
    assert response.status_code == 200
    assert "закрытую для посетителей" in response.text or "коллекци" in response.text
    assert not MentorCourse.objects.exists()

"""The demo school has fictional mentors with portfolios and two practices."""

from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image as PILImage

from mentoring_wagtail.portfolios.models import (
    Award,
    MentorIndexPage,
    MentorPortfolioPage,
    PracticePage,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_portfolios_load_once_and_are_public(client):
    call_command("load_demo_school", stdout=StringIO())
    before = (
        MentorPortfolioPage.objects.count(),
        PracticePage.objects.count(),
        Award.objects.count(),
    )
    call_command("load_demo_school", stdout=StringIO())
    after = (
        MentorPortfolioPage.objects.count(),
        PracticePage.objects.count(),
        Award.objects.count(),
    )
    assert after == before
    assert before[0] >= 3 and before[1] == 2

    index = MentorIndexPage.objects.get()
    listing = client.get(index.url).content.decode()
    for page in MentorPortfolioPage.objects.all():
        assert page.live
        assert page.title in listing
        # A drawn placeholder, not a photograph: a few flat colours.
        with page.photo.open_file() as f:
            colours = PILImage.open(f).convert("RGB").getcolors(maxcolors=100_000)
        assert colours is not None and len(colours) < 5_000
    practice = PracticePage.objects.get(slug="open-lessons")
    html = client.get(practice.url).content.decode()
    assert "Заречная" in html and "Клёнов" in html

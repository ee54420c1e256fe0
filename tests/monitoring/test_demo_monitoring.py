"""The demo school has a year of answers and indicators, loaded idempotently."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Site

from mentoring_wagtail.monitoring.indicators import compute_indicators
from mentoring_wagtail.monitoring.models import IndicatorsPage, QuestionnaireAnswer

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_year_of_answers_and_indicators(client):
    call_command("load_demo_school", stdout=StringIO())
    answers = QuestionnaireAnswer.objects.count()
    assert answers > 20
    site = Site.objects.get(is_default_site=True)
    year = compute_indicators(site, ["2024/2025"])["2024/2025"]
    assert year.indicators["mentee_satisfaction"].denominator == 21
    assert year.indicators["mentees_10_19"].text == "24 из 250 – 10 %"
    assert all(answer.person_id is None for answer in QuestionnaireAnswer.objects.all())
    call_command("load_demo_school", stdout=StringIO())
    assert QuestionnaireAnswer.objects.count() == answers
    page = IndicatorsPage.objects.get()
    html = client.get(page.url).content.decode()
    assert "2023/2024" in html and "24 из 250 – 10 %" in html

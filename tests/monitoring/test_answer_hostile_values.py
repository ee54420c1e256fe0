"""The public questionnaire form takes hostile values in every field without a 500.

Each field of the form, and the link parameter, is posted with each hostile
value of the admin walk (tests/access/test_hostile_form_posts.py); the answer
is the form with an error, a refusal, or (for free text) the saved answer,
never a server error.
"""

import pytest

from mentoring_wagtail.monitoring.tokens import issue_links

from ..access.test_hostile_form_posts import HOSTILE
from .test_answering import school  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.slow(reason="every hostile value in every field of the questionnaire")
def test_every_field_of_the_questionnaire_takes_hostile_values(client, school):  # noqa: F811
    questionnaire = school["q"]
    links = issue_links(questionnaire, [school["group"]])
    client.raise_request_exception = False
    fields = [f.clean_name for f in questionnaire.get_form_fields()]
    assert fields
    failures = []
    for key, value in HOSTILE.items():
        for name in [*fields, "k"]:
            data = {"k": links[0].token, name: value}
            response = client.post(questionnaire.url, data, REMOTE_ADDR="10.3.3.3")
            if response.status_code >= 500:
                failures.append(f"{name} {key}: {response.status_code}")
    assert failures == []

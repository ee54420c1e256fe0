"""Forged questionnaire links are not tried at full speed: a limit per address.

After ``PUBLIC_FORM_BAD_LINK_LIMIT`` refused links from one address, that
address gets a Russian «too many attempts» (429) even with a real link, while
another address answers normally; the count is in Django's cache, so every
worker sees it.
"""

import pytest

from mentoring_wagtail.monitoring.models import QuestionnaireAnswer
from mentoring_wagtail.monitoring.tokens import issue_links

from .test_answering import _post, school  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def forged(client, questionnaire, address, index):
    field = questionnaire.satisfaction_field_name()
    return client.post(
        questionnaire.url,
        {"k": f"forged-{index:06d}", field: "5"},
        REMOTE_ADDR=address,
    )


def test_forged_links_from_one_address_are_throttled(client, school, settings):  # noqa: F811
    settings.MENTORING_WAGTAIL_PUBLIC_FORM_BAD_LINK_LIMIT = 5
    questionnaire = school["q"]
    links = issue_links(questionnaire, [school["group"]])
    statuses = [
        forged(client, questionnaire, "10.1.1.1", i).status_code for i in range(8)
    ]
    assert statuses[:5] == [403] * 5
    assert statuses[5:] == [429] * 3
    response = forged(client, questionnaire, "10.1.1.1", 99)
    assert "Слишком много попыток" in response.content.decode()
    # The throttled address cannot use a real link either…
    blocked = client.post(
        questionnaire.url, {"k": links[0].token}, REMOTE_ADDR="10.1.1.1"
    )
    assert blocked.status_code == 429
    assert QuestionnaireAnswer.objects.count() == 0
    # …while another address answers.
    response = _post(client.__class__(REMOTE_ADDR="10.1.1.2"), links[0], questionnaire)
    assert response.status_code == 200
    assert QuestionnaireAnswer.objects.count() == 1


def test_posts_from_one_address_are_limited(client, school, settings):  # noqa: F811
    settings.MENTORING_WAGTAIL_PUBLIC_FORM_POST_LIMIT = 2
    questionnaire = school["q"]
    links = issue_links(questionnaire, [school["group"]])
    assert len(links) >= 3
    answered = [_post(client, link, questionnaire).status_code for link in links[:3]]
    assert answered == [200, 200, 429]
    assert QuestionnaireAnswer.objects.count() == 2

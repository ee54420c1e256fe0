"""Answering through a personal single-use link: the rules of the token."""

from urllib.parse import urlsplit

import pytest

from mentoring_wagtail.monitoring.models import QuestionnaireAnswer, ResponseToken
from mentoring_wagtail.monitoring.token_hash import hash_token
from mentoring_wagtail.monitoring.tokens import issue_links

from .support import (
    closed_at,
    make_group,
    make_mentee,
    make_mentor,
    make_questionnaire,
    site_and_section,
)

pytestmark = pytest.mark.django_db


def _name(questionnaire, label_start):
    return next(
        f.clean_name
        for f in questionnaire.get_form_fields()
        if f.label.startswith(label_start)
    )


@pytest.fixture
def school():
    site, section = site_and_section()
    mentor = make_mentor(site, "teacher", 1, 1980)
    mentees = [make_mentee(site, "student", i, 2010) for i in range(3)]
    group = make_group(site, mentor, mentees, "teacher-student")
    questionnaire = make_questionnaire(section)
    return {
        "site": site,
        "section": section,
        "group": group,
        "q": questionnaire,
        "mentees": mentees,
    }


def _path(link, questionnaire):
    parts = urlsplit(link.url(questionnaire))
    return f"{parts.path}?{parts.query}"


def _post(client, link, questionnaire, value="4"):
    path = urlsplit(link.url(questionnaire)).path
    field = questionnaire.satisfaction_field_name()
    return client.post(
        path,
        {"k": link.token, field: value, _name(questionnaire, "Что было"): "Встречи"},
    )


def test_a_link_answers_once_tied_to_group_and_role_without_the_name(client, school):
    questionnaire = school["q"]
    links = issue_links(questionnaire, [school["group"]])
    assert len(links) == 3
    link = links[0]
    # The URL holds the token only: no name, no id of person or group.
    url = link.url(questionnaire)
    assert link.person.last_name not in url and f"={school['group'].pk}" not in url
    # Only the hash is stored.
    assert not ResponseToken.objects.filter(token_hash=link.token).exists()
    assert ResponseToken.objects.filter(token_hash=hash_token(link.token)).exists()

    form = client.get(_path(link, questionnaire))
    assert form.status_code == 200
    assert "без вашего имени" in form.content.decode()
    response = _post(client, link, questionnaire, "4")
    assert response.status_code == 200
    assert "сохранены" in response.content.decode()
    answer = QuestionnaireAnswer.objects.get()
    assert (answer.group, answer.role, answer.satisfaction) == (
        school["group"],
        "mentee",
        4,
    )
    assert answer.person is None
    assert answer.form_data[_name(questionnaire, "Что было")] == "Встречи"

    again = _post(client, link, questionnaire, "5")
    assert again.status_code == 403
    assert "уже использована" in again.content.decode()
    assert client.get(_path(link, questionnaire)).status_code == 403
    assert QuestionnaireAnswer.objects.count() == 1


def test_names_are_kept_only_when_the_questionnaire_says_so(client, school):
    questionnaire = make_questionnaire(
        school["section"], "mentees", "start", stores_names=True
    )
    link = issue_links(questionnaire, [school["group"]])[0]
    _post(client, link, questionnaire)
    assert QuestionnaireAnswer.objects.get().person == link.person


@pytest.mark.parametrize("token", ["", "forged-token-0123456789", "x" * 500])
def test_a_missing_or_forged_link_is_refused(client, school, token):
    questionnaire = school["q"]
    issue_links(questionnaire, [school["group"]])
    field = questionnaire.satisfaction_field_name()
    response = client.post(questionnaire.url, {"k": token, field: "5"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "ссылк" in text
    assert QuestionnaireAnswer.objects.count() == 0
    assert not ResponseToken.objects.filter(used_at__isnull=False).exists()


def test_a_link_of_another_questionnaire_is_refused(client, school):
    other = make_questionnaire(school["section"], "mentees", "start")
    link = issue_links(other, [school["group"]])[0]
    path = urlsplit(school["q"].url).path
    response = client.post(
        path, {"k": link.token, school["q"].satisfaction_field_name(): "5"}
    )
    assert response.status_code == 403
    assert QuestionnaireAnswer.objects.count() == 0


def test_no_answer_after_closing(client, school):
    questionnaire = school["q"]
    link = issue_links(questionnaire, [school["group"]])[0]
    questionnaire.closes_at = closed_at()
    questionnaire.save_revision().publish()
    response = _post(client, link, questionnaire)
    assert response.status_code == 403
    assert "закрыт" in response.content.decode()
    assert QuestionnaireAnswer.objects.count() == 0
    assert ResponseToken.objects.get(token_hash=hash_token(link.token)).used_at is None


@pytest.mark.parametrize("value", ["0", "6", "-1", "abc", ""])
def test_satisfaction_off_the_scale_is_refused_and_the_link_stays_usable(
    client, school, value
):
    questionnaire = school["q"]
    link = issue_links(questionnaire, [school["group"]])[0]
    response = _post(client, link, questionnaire, value)
    assert response.status_code == 200
    assert "Выберите значение от 1 до 5" in response.content.decode()
    assert QuestionnaireAnswer.objects.count() == 0
    assert _post(client, link, questionnaire, "5").status_code == 200
    assert QuestionnaireAnswer.objects.get().satisfaction == 5


def test_links_go_to_the_audience_of_the_questionnaire(school):
    mentors = make_questionnaire(school["section"], "mentors", "end")
    parents = make_questionnaire(school["section"], "parents", "end")
    curators = make_questionnaire(school["section"], "curators", "end")
    assert [link.role for link in issue_links(mentors, [school["group"]])] == ["mentor"]
    assert [link.role for link in issue_links(parents, [school["group"]])] == [
        "parent"
    ] * 3
    assert [link.role for link in issue_links(curators, [school["group"]])] == [
        "curator"
    ]


def test_editors_preview_the_form_without_a_link(rf, school, django_user_model):
    questionnaire = school["q"]
    request = rf.get("/")
    request.user = django_user_model.objects.create_superuser("ed", "e@x.example", "pw")
    response = questionnaire.serve_preview(request, "form")
    response.render()
    html = response.content.decode()
    assert 'type="radio"' in html and "по персональной ссылке" not in html


def test_a_questionnaire_has_one_satisfaction_scale_within_its_bounds(school):
    from django.core.exceptions import ValidationError

    from mentoring_wagtail.monitoring.models import QuestionnaireField

    questionnaire = school["q"]
    questionnaire.satisfied_from = 9
    with pytest.raises(ValidationError) as caught:
        questionnaire.full_clean()
    assert "на шкале (1–5)" in str(caught.value)
    questionnaire.satisfied_from = 4
    questionnaire.form_fields.add(
        QuestionnaireField(label="Ещё шкала", field_type="satisfaction")
    )
    with pytest.raises(ValidationError) as caught:
        questionnaire.full_clean()
    assert "Только один вопрос" in str(caught.value)

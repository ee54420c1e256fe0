"""Matching mentors and mentees: the fit, its reasons, ranking and the
optimal assignment of a cohort (checked against brute force)."""

import pickle
import random

import pytest
from django.utils import translation

from mentoring_wagtail.participants.free_time import FREE_TIME_CHOICES
from mentoring_wagtail.participants.matching import (
    MenteeProfile,
    MentorProfile,
    assign,
    fit,
    keywords,
    rank,
)

SLOTS = [code for code, _label in FREE_TIME_CHOICES]


def mentor(id, competencies="", interests="", **fields):
    values = {
        "subject_area": "",
        "preferred_age": None,
        "free_time": frozenset(),
        "forms": frozenset({"teacher_student"}),
        "capacity_left": 1,
    }
    values.update(fields)
    return MentorProfile(
        id=id,
        competencies=keywords(competencies),
        interests=keywords(interests),
        **values,
    )


def mentee(id, request="", interests="", **fields):
    values = {
        "request_kind": "other",
        "age": None,
        "free_time": frozenset(),
        "form": None,
    }
    values.update(fields)
    return MenteeProfile(
        id=id,
        request_keywords=keywords(request),
        interests=keywords(interests),
        **values,
    )


# keywords


def test_inflected_forms_of_a_word_give_one_keyword():
    forms = ["математика", "математике", "математикой", "Математики", "МАТЕМАТИКУ"]
    assert {keywords(word) for word in forms} == {frozenset({"математик"})}
    assert keywords("олимпиады") == keywords("олимпиадам") == keywords("олимпиадах")
    assert keywords("биология") == keywords("биологии") == keywords("биологией")


def test_keywords_drop_punctuation_stop_words_numbers_and_case():
    found = keywords("Хочу подготовиться к ОГЭ (2025) по физике, и — к олимпиадам!")
    assert found == {"подготовиться", "огэ", "физик", "олимпиад"}
    assert keywords("Волонтёрство") == keywords("волонтерство")
    assert keywords("") == keywords(None) == frozenset()
    assert keywords("и в на по с к") == frozenset()


def test_short_words_keep_their_stem():
    assert keywords("химия, химии") == {"хим"}
    assert keywords("ЕГЭ") == {"егэ"}


def test_keywords_remember_the_words_as_written():
    found = keywords("Подготовка к Олимпиадам по математике, олимпиады; Волонтёрство")
    assert found == {"подготовк", "олимпиад", "математик", "волонтерств"}
    words = {keyword: keyword.word for keyword in found}
    # Of two words with one stem, the first written.
    assert words["олимпиад"] == "Олимпиадам"
    assert words["волонтерств"] == "Волонтёрство"
    restored = pickle.loads(pickle.dumps(found))  # noqa: S301
    assert restored == found
    assert {keyword.word for keyword in restored} == set(words.values())


# fit


def test_reasons_show_the_mentors_words_for_inflected_requests():
    teacher = mentor(
        1,
        "Олимпиады, математика, Математика и физика",
        "Шахматы, походы",
        subject_area="математика",
    )
    pupil = mentee(
        2,
        "Хочу готовиться к олимпиадам по математике, выступать на олимпиадах",
        "шахматам и походам",
    )
    with translation.override("ru"):
        reasons = fit(teacher, pupil).reasons
    # The mentor's words, as written and in the mentor's order, each once;
    # neither the stems nor the mentee's forms.
    assert reasons[:2] == (
        "совпадают компетенции: Олимпиады, математика",
        "общие интересы: Шахматы, походы",
    )


def test_plain_stems_still_match_and_are_shown_as_they_are():
    # Profiles built from plain strings (no remembered words) keep working.
    teacher = MentorProfile(
        id=1,
        competencies=frozenset({"олимпиад", "математик"}),
        interests=frozenset(),
        subject_area="",
        preferred_age=None,
        free_time=frozenset(),
        forms=frozenset(),
        capacity_left=1,
    )
    with translation.override("ru"):
        result = fit(teacher, mentee(2, "олимпиады по математике"))
    assert result.reasons[0] == "совпадают компетенции: математик, олимпиад"


def test_reasons_name_what_matches_in_russian():
    teacher = mentor(
        1,
        "математика, олимпиады, физика",
        "шахматы",
        preferred_age=(12, 17),
        free_time=frozenset({"tue_after_school", "thu_evening"}),
        capacity_left=2,
    )
    pupil = mentee(
        5,
        "Нужна помощь с математикой и подготовкой к олимпиаде",
        "шахматами",
        age=14,
        free_time=frozenset({"tue_after_school", "mon_evening"}),
        form="teacher_student",
    )
    with translation.override("ru"):
        result = fit(teacher, pupil)
    assert result.compatible
    assert result.reasons == (
        "совпадают компетенции: математика, олимпиады",
        "общие интересы: шахматы",
        "свободное время совпадает: вторник после уроков",
        "возраст в пределах предпочтений наставника",
        "работает в нужной форме наставничества",
        "свободных мест: 2",
    )


@pytest.mark.parametrize(
    ("mentor_fields", "mentee_fields", "reason"),
    [
        (
            {"forms": frozenset({"student_student"})},
            {"form": "teacher_student"},
            "наставник не работает в нужной форме наставничества",
        ),
        (
            {"forms": frozenset()},
            {"form": "teacher_student"},
            "наставник не работает в нужной форме наставничества",
        ),
        ({"capacity_left": 0}, {}, "у наставника нет свободных мест"),
        ({"capacity_left": -1}, {}, "у наставника нет свободных мест"),
        (
            {"preferred_age": (12, 14)},
            {"age": 15},
            "возраст вне предпочтений наставника",
        ),
        (
            {"preferred_age": (12, 14)},
            {"age": 11},
            "возраст вне предпочтений наставника",
        ),
    ],
)
def test_hard_rules_make_a_pair_incompatible(mentor_fields, mentee_fields, reason):
    teacher = mentor(1, "математика", **mentor_fields)
    pupil = mentee(2, "математика", **mentee_fields)
    with translation.override("ru"):
        result = fit(teacher, pupil)
    assert not result.compatible
    assert result.score == 0
    assert result.reasons[0] == reason
    # The curator still sees what would have matched.
    assert "совпадают компетенции: математика" in result.reasons
    assert rank(pupil, [teacher]) == []
    assert assign([pupil], [teacher]) == {2: None}


def test_what_is_not_stated_does_not_exclude():
    teacher = mentor(1, "математика", preferred_age=(12, 14), forms=frozenset())
    pupil = mentee(2, "математика", age=None, form=None)
    assert fit(teacher, pupil).compatible
    assert fit(mentor(1, preferred_age=None), mentee(2, age=9)).compatible


def test_preferred_ages_are_inclusive_and_may_be_open():
    teacher = mentor(1, preferred_age=(12, 14))
    assert fit(teacher, mentee(2, age=12)).compatible
    assert fit(teacher, mentee(2, age=14)).compatible
    older = mentor(1, preferred_age=(15, None))
    assert fit(older, mentee(2, age=40)).compatible
    assert not fit(older, mentee(2, age=14)).compatible
    younger = mentor(1, preferred_age=(None, 12))
    assert not fit(younger, mentee(2, age=13)).compatible
    assert fit(mentor(1, preferred_age=(None, None)), mentee(2, age=9)).compatible


def test_each_matching_factor_raises_the_score():
    pupil = mentee(
        2,
        "олимпиады по математике",
        "шахматы",
        age=13,
        free_time=frozenset({"wed_evening"}),
        form="teacher_student",
    )
    plain = fit(mentor(1), pupil).score
    assert fit(mentor(1, "математика"), pupil).score > plain
    assert (
        fit(mentor(1, "математика, олимпиады"), pupil).score
        > fit(mentor(1, "математика"), pupil).score
    )
    assert fit(mentor(1, interests="шахматы"), pupil).score > plain
    assert fit(mentor(1, preferred_age=(10, 15)), pupil).score > plain
    busy = fit(mentor(1, free_time=frozenset({"mon_evening"})), pupil).score
    free = fit(mentor(1, free_time=frozenset({"wed_evening"})), pupil).score
    assert busy < plain < free  # unknown free time sits between


def test_request_kind_and_subject_area_count_as_competencies():
    pupil = mentee(2, "", request_kind="sport")
    coach = mentor(1, "лёгкая атлетика, соревнования")
    with translation.override("ru"):
        assert fit(coach, pupil).reasons[0] == "совпадают компетенции: соревнования"
        physicist = mentor(3, "Астрономия", subject_area="Физика")
        assert (
            fit(physicist, mentee(4, "физике и астрономии")).reasons[0]
            == "совпадают компетенции: Астрономия, Физика"
        )


def test_words_of_one_root_match():
    pupil = mentee(2, "спортивные секции")
    with translation.override("ru"):
        reasons = fit(mentor(1, "спорт"), pupil).reasons
    assert reasons[0] == "совпадают компетенции: спорт"
    with translation.override("ru"):
        reasons = fit(
            mentor(1, "Спортивное ориентирование"), mentee(2, "спорт")
        ).reasons
    assert reasons[0] == "совпадают компетенции: Спортивное"


def test_scores_stay_between_zero_and_one():
    generator = random.Random(7)
    for _ in range(300):
        result = fit(random_mentor(generator, 1), random_mentee(generator, 1))
        assert 0 <= result.score <= 1
        assert result.compatible or result.score == 0


# rank


def test_rank_orders_compatible_mentors_best_first_ties_by_id():
    pupil = mentee(9, "олимпиады по математике и физике", form="teacher_student")
    mentors = [
        mentor(7, "математика"),
        mentor(4, "математика, физика, олимпиады"),
        mentor(3, "математика"),
        mentor(5, "математика, физика, олимпиады", capacity_left=0),
        mentor(6, "математика, физика", forms=frozenset({"student_student"})),
        mentor(8, "рисование"),
    ]
    ranked = rank(pupil, mentors)
    assert [profile.id for profile, _fit in ranked] == [4, 3, 7, 8]
    assert all(result.compatible for _profile, result in ranked)
    assert ranked[0][1] == fit(mentors[1], pupil)
    assert rank(pupil, []) == []


# assign


def random_mentor(generator, id):
    low = generator.choice([None, 10, 12, 14])
    return mentor(
        id,
        ", ".join(generator.sample(WORDS, generator.randint(0, 4))),
        ", ".join(generator.sample(HOBBIES, generator.randint(0, 2))),
        preferred_age=None if low is None else (low, low + generator.randint(0, 4)),
        free_time=frozenset(generator.sample(SLOTS[:5], generator.randint(0, 3))),
        forms=frozenset(generator.sample(FORMS, generator.randint(1, len(FORMS)))),
        capacity_left=generator.randint(0, 3),
    )


def random_mentee(generator, id):
    return mentee(
        id,
        " ".join(generator.sample(WORDS, generator.randint(0, 3))),
        ", ".join(generator.sample(HOBBIES, generator.randint(0, 2))),
        request_kind=generator.choice(["academic", "sport", "creative", "other"]),
        age=generator.choice([None, 11, 13, 15, 17]),
        free_time=frozenset(generator.sample(SLOTS[:5], generator.randint(0, 3))),
        form=generator.choice([None, *FORMS]),
    )


WORDS = ["математика", "физика", "олимпиады", "спорт", "театр", "экзамены", "музыка"]
HOBBIES = ["шахматы", "футбол", "чтение", "походы"]
FORMS = ["teacher_student", "student_student", "employer_student"]


def value(assignment, mentees, mentors):
    """How many mentees are placed and the total fit of their pairs."""
    by_id = {profile.id: profile for profile in mentors}
    pairs = [
        (by_id[mentor_id], pupil)
        for pupil in mentees
        if (mentor_id := assignment[pupil.id]) is not None
    ]
    return len(pairs), sum(fit(teacher, pupil).score for teacher, pupil in pairs)


def brute_force(mentees, mentors):
    """The best (placed, total fit) over every feasible assignment."""
    places = {profile.id: profile.capacity_left for profile in mentors}
    options = [
        [
            (profile.id, result.score)
            for profile in mentors
            if (result := fit(profile, pupil)).compatible
        ]
        for pupil in mentees
    ]
    best = (0, 0.0)

    def search(index, placed, total):
        nonlocal best
        if index == len(mentees):
            best = max(best, (placed, total))
            return
        search(index + 1, placed, total)
        for mentor_id, score in options[index]:
            if places[mentor_id] > 0:
                places[mentor_id] -= 1
                search(index + 1, placed + 1, total + score)
                places[mentor_id] += 1

    search(0, 0, 0.0)
    return best


def assert_valid(assignment, mentees, mentors):
    assert set(assignment) == {pupil.id for pupil in mentees}
    by_id = {profile.id: profile for profile in mentors}
    taken = {}
    for pupil in mentees:
        mentor_id = assignment[pupil.id]
        if mentor_id is None:
            continue
        teacher = by_id[mentor_id]
        assert fit(teacher, pupil).compatible
        assert pupil.form is None or pupil.form in teacher.forms
        taken[mentor_id] = taken.get(mentor_id, 0) + 1
    for mentor_id, count in taken.items():
        assert count <= by_id[mentor_id].capacity_left
    # Nobody is left out while a compatible mentor still has a place.
    for pupil in mentees:
        if assignment[pupil.id] is None:
            for teacher in mentors:
                if fit(teacher, pupil).compatible:
                    assert taken.get(teacher.id, 0) == teacher.capacity_left


def test_assignment_is_optimal_on_small_random_cohorts():
    generator = random.Random(20261124)
    placed_somebody = left_somebody_out = 0
    for _case in range(400):
        mentees = [
            random_mentee(generator, 100 + i) for i in range(generator.randint(1, 6))
        ]
        mentors = [
            random_mentor(generator, 1 + i) for i in range(generator.randint(1, 4))
        ]
        assignment = assign(mentees, mentors)
        assert_valid(assignment, mentees, mentors)
        placed, total = value(assignment, mentees, mentors)
        best_placed, best_total = brute_force(mentees, mentors)
        assert placed == best_placed
        assert total == pytest.approx(best_total, abs=1e-9)
        placed_somebody += placed > 0
        left_somebody_out += placed < len(mentees)
    # The random cases exercise both placing and leaving out.
    assert placed_somebody > 100 and left_somebody_out > 100


def greedy(mentees, mentors):
    """Best remaining pair first: what a curator would do by hand."""
    places = {profile.id: profile.capacity_left for profile in mentors}
    pairs = sorted(
        (-result.score, pupil.id, teacher.id)
        for pupil in mentees
        for teacher in mentors
        if (result := fit(teacher, pupil)).compatible
    )
    assignment = {pupil.id: None for pupil in mentees}
    for _score, pupil_id, mentor_id in pairs:
        if assignment[pupil_id] is None and places[mentor_id] > 0:
            assignment[pupil_id] = mentor_id
            places[mentor_id] -= 1
    return assignment


def test_assignment_beats_greedy_on_total_fit():
    strong = mentor(1, "математика, олимпиады, физика, химия", "шахматы")
    good = mentor(2, "математика, олимпиады, физика")
    olympiad = mentee(10, "математика, олимпиады, физика", "шахматы")
    chemistry = mentee(11, "химия")
    mentees, mentors = [olympiad, chemistry], [strong, good]
    # Greedy takes the best pair first and leaves chemistry a poor match.
    assert fit(strong, olympiad).score > fit(strong, chemistry).score
    assert fit(strong, olympiad).score > fit(good, olympiad).score
    assert fit(good, chemistry).score < fit(strong, chemistry).score
    assert greedy(mentees, mentors) == {10: 1, 11: 2}

    assignment = assign(mentees, mentors)
    assert assignment == {10: 2, 11: 1}
    assert (
        value(assignment, mentees, mentors)[1]
        > value(greedy(mentees, mentors), mentees, mentors)[1]
    )


def test_assignment_places_a_mentee_greedy_would_leave_out():
    both_forms = mentor(
        1, "математика", forms=frozenset({"teacher_student", "student_student"})
    )
    one_form = mentor(2, "математика", forms=frozenset({"teacher_student"}))
    flexible = mentee(10, "математика олимпиады", form="teacher_student")
    peer = mentee(11, "математика", form="student_student")
    mentees, mentors = [flexible, peer], [both_forms, one_form]
    assert greedy(mentees, mentors) == {10: 1, 11: None}
    assert assign(mentees, mentors) == {10: 2, 11: 1}


def test_placing_more_mentees_outweighs_a_higher_total():
    # Mentee 10 fits mentor 1 far better than mentee 11 does, but only 11
    # can take mentor 1 and only 10 can take mentor 2.
    first = mentor(1, "математика, олимпиады, физика", capacity_left=1)
    second = mentor(2, "", forms=frozenset({"student_student"}), capacity_left=1)
    best = mentee(10, "математика олимпиады физика", form=None)
    only_first = mentee(11, "", form="teacher_student")
    assert assign([best, only_first], [first, second]) == {10: 2, 11: 1}


def test_capacity_limits_how_many_a_mentor_takes():
    teacher = mentor(1, "математика", capacity_left=2)
    mentees = [mentee(10 + i, "математика") for i in range(5)]
    assignment = assign(mentees, [teacher])
    assert sorted(assignment.values(), key=str) == [1, 1, None, None, None]


def test_edge_cases():
    pupils = [mentee(10, "математика"), mentee(11, "физика")]
    assert assign(pupils, []) == {10: None, 11: None}
    assert assign([], [mentor(1)]) == {}
    assert assign(pupils, [mentor(1, capacity_left=0)]) == {10: None, 11: None}
    wrong_form = mentor(1, forms=frozenset({"student_student"}), capacity_left=3)
    picky = [mentee(10, form="teacher_student"), mentee(11, form="teacher_student")]
    assert assign(picky, [wrong_form]) == {10: None, 11: None}
    # More places than mentees.
    assert assign(pupils, [mentor(1, capacity_left=30)]) == {10: 1, 11: 1}


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError):
        assign([mentee(1), mentee(1)], [mentor(1)])
    with pytest.raises(ValueError):
        assign([mentee(1)], [mentor(1), mentor(1)])

"""Which approved mentor suits which mentee: fit, ranking and a cohort's pairs.

Pure Python over plain profiles (the adapters build them from the models), so
the rules are tested without a database.

``fit`` weighs five things, each scored from 0 to 1:

- competencies (45 %): the mentor's competencies and subject area against the
  request's keywords and the terms of its kind (``REQUEST_KIND_TERMS``);
- shared interests (15 %);
- free time in common (20 %);
- the mentee's age within the mentor's preferred ages (10 %);
- the form of mentoring (10 %).

Matches saturate: one shared keyword scores 0.5, two 0.75, three 0.875; one
common free slot 0.75, two 0.94. Unknown data (no free time stated, no age
given, no age preference) scores a neutral 0.5, between a match and a miss.
The three hard rules make a pair incompatible, with score 0: the mentee wants
a form the mentor does not work in, the mentor has no places left, the
mentee's age is outside the mentor's preferred range. Remaining capacity is
otherwise only shown, not scored, so that a cohort's total fit does not
depend on the order in which places fill.

Keywords are matched by stem (``keywords.match_key``); the reasons name the
mentor's own words that matched, as written and in the mentor's order
(«совпадают компетенции: математика, олимпиады»).

``assign`` finds an optimal assignment of a cohort with the Hungarian method
(``scipy.optimize.linear_sum_assignment``), not a greedy pass. Its objective
is lexicographic: first as many mentees as possible get a mentor, then the
total fit of the pairs is the largest possible. An incompatible pair is never
formed. A mentee is left without a mentor only when every compatible mentor's
places are taken (and no other assignment would place more mentees).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext

from .free_time import slot_labels
from .keywords import REQUEST_KIND_TERMS, keywords, match_key, position_of, word_of

__all__ = [
    "Fit",
    "MenteeProfile",
    "MentorProfile",
    "assign",
    "fit",
    "keywords",
    "rank",
]

WEIGHT_COMPETENCIES = 0.45
WEIGHT_INTERESTS = 0.15
WEIGHT_FREE_TIME = 0.20
WEIGHT_AGE = 0.10
WEIGHT_FORM = 0.10
NEUTRAL = 0.5


@dataclass(frozen=True)
class MentorProfile:
    id: int
    # keywords() of the text: stems, which remember the words as written
    # (shown in the reasons; plain stems are shown as they are)
    competencies: frozenset[str]
    interests: frozenset[str]
    subject_area: str
    preferred_age: tuple[int, int] | None  # inclusive; a None bound is open
    free_time: frozenset[str]
    forms: frozenset[str]  # MentoringForm codes
    capacity_left: int


@dataclass(frozen=True)
class MenteeProfile:
    id: int
    request_kind: str
    request_keywords: frozenset[str]  # keywords() of the request text
    interests: frozenset[str]
    age: int | None
    free_time: frozenset[str]
    form: str | None  # wanted MentoringForm code, None = any


@dataclass(frozen=True)
class Fit:
    score: float  # 0 <= score <= 1, higher is better; 0 when incompatible
    compatible: bool
    reasons: tuple[str, ...]  # in the active language, hard rules first


# A school has few subject areas; ranking prepares every mentor's anew.
_subject_keywords = lru_cache(maxsize=256)(keywords)


def _keys(keywords_):
    return frozenset(map(match_key, keywords_))


@dataclass(frozen=True)
class _Mentor:
    profile: MentorProfile
    # Groups of the mentor's keywords in the order they are shown: the
    # competencies, then the other words of the subject area.
    competencies: tuple
    interests: tuple
    competency_keys: frozenset  # their match keys
    interest_keys: frozenset

    @classmethod
    def of(cls, profile):
        subject = _subject_keywords(profile.subject_area) - profile.competencies
        return cls(
            profile,
            (profile.competencies, subject),
            (profile.interests,),
            _keys(profile.competencies) | _keys(subject),
            _keys(profile.interests),
        )


@dataclass(frozen=True)
class _Mentee:
    profile: MenteeProfile
    request: frozenset  # match keys
    interests: frozenset

    @classmethod
    def of(cls, profile):
        terms = profile.request_keywords | REQUEST_KIND_TERMS.get(
            profile.request_kind, frozenset()
        )
        return cls(
            profile,
            frozenset(map(match_key, terms)),
            frozenset(map(match_key, profile.interests)),
        )


def _hard_reasons(mentor, mentee):
    reasons = []
    if mentee.form is not None and mentee.form not in mentor.forms:
        reasons.append(gettext("the mentor does not work in the wanted form"))
    if mentor.capacity_left <= 0:
        reasons.append(gettext("the mentor has no places left"))
    if _age_outside(mentor, mentee):
        reasons.append(gettext("age outside the mentor's preferences"))
    return reasons


def _age_known(mentor, mentee):
    return mentee.age is not None and mentor.preferred_age not in (None, (None, None))


def _age_outside(mentor, mentee):
    if not _age_known(mentor, mentee):
        return False
    low, high = mentor.preferred_age  # either bound may be open (None)
    return (low is not None and mentee.age < low) or (
        high is not None and mentee.age > high
    )


def _is_compatible(mentor, mentee):
    return not (
        (mentee.form is not None and mentee.form not in mentor.forms)
        or mentor.capacity_left <= 0
        or _age_outside(mentor, mentee)
    )


def _words(keys, groups):
    """The mentor's words whose match keys are ``keys``, as written, in the
    mentor's order, each once. Only the matched few are sorted."""
    words = (
        word_of(keyword)
        for group in groups
        for keyword in sorted(
            (keyword for keyword in group if match_key(keyword) in keys),
            key=position_of,
        )
    )
    return ", ".join(dict.fromkeys(words))


def _soft_score(mentor, mentee, reasons=None):
    """The weighted score of a pair; explains it into ``reasons`` if given.

    Counts matched keys, not stems: «спорт» and «спортивн» are one match.
    """
    profile, wanted = mentor.profile, mentee.profile
    competencies = mentee.request & mentor.competency_keys
    interests = mentee.interests & mentor.interest_keys
    score = WEIGHT_COMPETENCIES * (1 - 0.5 ** len(competencies))
    score += WEIGHT_INTERESTS * (1 - 0.5 ** len(interests))

    common_time = None
    if profile.free_time and wanted.free_time:
        common_time = profile.free_time & wanted.free_time
        score += WEIGHT_FREE_TIME * (1 - 0.25 ** len(common_time))
    else:
        score += WEIGHT_FREE_TIME * NEUTRAL

    age_known = _age_known(profile, wanted)
    score += WEIGHT_AGE * (1.0 if age_known else NEUTRAL)
    score += WEIGHT_FORM  # a wanted form the mentor lacks is a hard rule
    if reasons is not None:
        _explain(mentor, mentee, competencies, interests, common_time, reasons)
    return min(score, 1.0)


def _explain(mentor, mentee, competencies, interests, common_time, reasons):
    profile, wanted = mentor.profile, mentee.profile
    if competencies:
        reasons.append(
            gettext("matching competencies: %(terms)s")
            % {"terms": _words(competencies, mentor.competencies)}
        )
    else:
        reasons.append(gettext("no competency matches the request"))
    if interests:
        reasons.append(
            gettext("shared interests: %(terms)s")
            % {"terms": _words(interests, mentor.interests)}
        )
    if common_time:
        reasons.append(
            gettext("free time matches: %(slots)s")
            % {"slots": ", ".join(slot_labels(common_time))}
        )
    elif common_time is not None:
        reasons.append(gettext("no free time in common"))
    age_known = _age_known(profile, wanted)
    if age_known and not _age_outside(profile, wanted):
        reasons.append(gettext("age within the mentor's preferences"))
    if wanted.form is not None and wanted.form in profile.forms:
        reasons.append(gettext("works in the wanted form of mentoring"))
    if profile.capacity_left > 0:
        reasons.append(
            gettext("places left: %(count)d") % {"count": profile.capacity_left}
        )


def _fit(mentor, mentee):
    reasons = _hard_reasons(mentor.profile, mentee.profile)
    compatible = not reasons
    score = _soft_score(mentor, mentee, reasons)
    return Fit(score if compatible else 0.0, compatible, tuple(reasons))


def fit(mentor: MentorProfile, mentee: MenteeProfile) -> Fit:
    """How well ``mentor`` suits ``mentee``, and why."""
    return _fit(_Mentor.of(mentor), _Mentee.of(mentee))


def rank(
    mentee: MenteeProfile, mentors: Iterable[MentorProfile]
) -> list[tuple[MentorProfile, Fit]]:
    """The compatible mentors, best fit first; equal fits by mentor id."""
    prepared = _Mentee.of(mentee)
    ranked = []
    for mentor in mentors:
        if _is_compatible(mentor, mentee):
            ranked.append((mentor, _fit(_Mentor.of(mentor), prepared)))
    ranked.sort(key=lambda pair: (-pair[1].score, pair[0].id))
    return ranked


def _unique_ids(profiles, what):
    ids = [profile.id for profile in profiles]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{what} ids must be unique")


def assign(
    mentees: Sequence[MenteeProfile], mentors: Sequence[MentorProfile]
) -> dict[int, int | None]:
    """An optimal cohort assignment: mentee id -> mentor id, or None.

    One column per place of each mentor and one "no mentor" column per
    mentee; a pair's gain is ``len(mentees) + 1 + score``, so one more placed
    mentee outweighs any total of scores (each at most 1), and a "no mentor"
    column gains 0. Incompatible pairs cost more than "no mentor" and are
    never chosen, since a free "no mentor" column always remains.
    """
    _unique_ids(mentees, "mentee")
    _unique_ids(mentors, "mentor")
    result = {mentee.id: None for mentee in mentees}
    prepared_mentees = [_Mentee.of(mentee) for mentee in mentees]
    placement_gain = len(mentees) + 1
    owners, gains, places = [], [], []
    for mentor in sorted(mentors, key=lambda profile: profile.id):
        if mentor.capacity_left <= 0:
            continue
        prepared = _Mentor.of(mentor)
        column = {
            row: placement_gain + _soft_score(prepared, mentee)
            for row, mentee in enumerate(prepared_mentees)
            if _is_compatible(mentor, mentee.profile)
        }
        if column:
            owners.append(mentor.id)
            gains.append(column)
            # More places than the mentees able to take them change nothing.
            places.append(min(mentor.capacity_left, len(column)))
    if not owners:
        return result

    # deferred: scipy (and its numpy) is optional, only the cohort matching uses it.
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    forbidden = 1.0
    per_mentor = np.full((len(mentees), len(owners)), forbidden)
    for index, column in enumerate(gains):
        per_mentor[list(column), index] = [-gain for gain in column.values()]
    slot_owner = np.repeat(np.arange(len(owners)), places)
    cost = np.hstack(
        [per_mentor[:, slot_owner], np.zeros((len(mentees), len(mentees)))]
    )
    for row, slot in zip(*linear_sum_assignment(cost), strict=True):
        if slot < len(slot_owner) and cost[row, slot] < 0:
            result[mentees[row].id] = owners[slot_owner[slot]]
    return result

"""Matching speed: ranking mentors for one mentee, assigning a cohort.

    .venv/bin/python benchmarks/bench_matching.py

1. Ranking 1,000 approved mentors for one mentee (``rank``, reasons
   included). Target: median under 100 ms.
2. Assigning a cohort of 300 mentees to 100 mentors with 1–5 places each
   (``assign``: every pair's fit, then the Hungarian method). Target: median
   under 1 s. Printed beside a 30-to-10 cohort, and the total fit beside the
   greedy «best remaining pair first» a curator would do by hand; and the
   densest cohort (every pair compatible, 5 places per mentor).

Pure Python over profiles: no database, no queries. Timings are medians of
wall time; nothing is asserted about them.
"""

import random
import statistics
import time
from dataclasses import replace

from django.utils import translation
from harness import runs as run_count  # sets up Django: reasons are translated
from harness import scaled

from mentoring_wagtail.participants.free_time import FREE_TIME_CHOICES
from mentoring_wagtail.participants.matching import (
    MenteeProfile,
    MentorProfile,
    assign,
    fit,
    keywords,
    rank,
)

SUBJECTS = (
    "математика физика химия биология информатика история обществознание "
    "литература русский английский география астрономия олимпиады ЕГЭ ОГЭ "
    "проекты исследования робототехника программирование спорт футбол "
    "волейбол театр музыка рисование волонтёрство профориентация"
).split()
HOBBIES = "шахматы чтение походы фотография кино танцы вокал туризм".split()
SLOTS = [code for code, _label in FREE_TIME_CHOICES]
FORMS = [
    "student_student",
    "teacher_teacher",
    "teacher_student",
    "student_peer",
    "employer_student",
    "student_pupil",
]
KINDS = ["academic", "sport", "volunteering", "creative", "career", "other"]


def make_mentor(generator, id):
    low = generator.choice([None, 10, 12, 14, 16])
    return MentorProfile(
        id=id,
        competencies=keywords(", ".join(generator.sample(SUBJECTS, 4))),
        interests=keywords(", ".join(generator.sample(HOBBIES, 2))),
        subject_area=generator.choice(SUBJECTS),
        preferred_age=None if low is None else (low, low + generator.randint(2, 6)),
        free_time=frozenset(generator.sample(SLOTS, generator.randint(1, 4))),
        forms=frozenset(generator.sample(FORMS, generator.randint(1, 3))),
        capacity_left=generator.randint(1, 5),
    )


def make_mentee(generator, id):
    words = generator.sample(SUBJECTS, 3)
    return MenteeProfile(
        id=id,
        request_kind=generator.choice(KINDS),
        request_keywords=keywords(
            f"Хочу подтянуть {words[0]} и {words[1]}, {words[2]}"
        ),
        interests=keywords(", ".join(generator.sample(HOBBIES, 2))),
        age=generator.choice([None, *range(10, 18)]),
        free_time=frozenset(generator.sample(SLOTS, generator.randint(1, 4))),
        form=generator.choice([None, None, *FORMS]),
    )


def median_ms(action, runs, warmup=2):
    """Median wall and CPU time of ``action``, in ms."""
    runs, warmup = run_count(runs), min(warmup, run_count(warmup) - 1)
    for _ in range(warmup):
        action()
    timings, cpu = [], []
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        action()
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
    return statistics.median(timings), statistics.median(cpu)


def total_fit(assignment, mentees, mentors):
    by_id = {mentor.id: mentor for mentor in mentors}
    scores = [
        fit(by_id[mentor_id], mentee).score
        for mentee in mentees
        if (mentor_id := assignment[mentee.id]) is not None
    ]
    return len(scores), sum(scores)


def greedy(mentees, mentors):
    places = {mentor.id: mentor.capacity_left for mentor in mentors}
    pairs = sorted(
        (-result.score, mentee.id, mentor.id)
        for mentee in mentees
        for mentor in mentors
        if (result := fit(mentor, mentee)).compatible
    )
    assignment = dict.fromkeys((mentee.id for mentee in mentees), None)
    for _score, mentee_id, mentor_id in pairs:
        if assignment[mentee_id] is None and places[mentor_id] > 0:
            assignment[mentee_id] = mentor_id
            places[mentor_id] -= 1
    return assignment


def main():
    generator = random.Random(12)
    translation.activate("ru")

    mentors = [make_mentor(generator, id) for id in range(1, scaled(1000, 20) + 1)]
    mentee = make_mentee(generator, 1)
    ranked = rank(mentee, mentors)
    rank_ms, rank_cpu = median_ms(lambda: rank(mentee, mentors), runs=30)
    print(
        f"rank {len(mentors)} mentors for one mentee ({len(ranked)} compatible, "
        f"with reasons): {rank_ms:.1f} ms median (CPU {rank_cpu:.1f} ms)  "
        f"(target < 100 ms: {'met' if rank_ms < 100 else 'NOT met'})"
    )

    cohort = [make_mentee(generator, id) for id in range(1, scaled(300, 10) + 1)]
    cohort_mentors = mentors[: scaled(100, 5)]
    small = cohort[: scaled(30, 3)], cohort_mentors[: scaled(10, 2)]
    large_ms, large_cpu = median_ms(
        lambda: assign(cohort, cohort_mentors), runs=7, warmup=1
    )
    small_ms, small_cpu = median_ms(lambda: assign(*small), runs=15)
    print(
        f"assign {len(cohort)} mentees to {len(cohort_mentors)} mentors "
        f"({sum(m.capacity_left for m in cohort_mentors)} places): "
        f"{large_ms:.0f} ms median (CPU {large_cpu:.0f} ms)  (target < 1 s: "
        f"{'met' if large_ms < 1000 else 'NOT met'}); {len(small[0])} to "
        f"{len(small[1])}: {small_ms:.1f} ms (CPU {small_cpu:.1f} ms) "
        f"= {large_ms / small_ms:.0f}× for 100× the pairs"
    )

    # The densest case: every pair compatible, 5 places per mentor.
    open_mentors = [
        replace(mentor, preferred_age=None, capacity_left=5)
        for mentor in cohort_mentors
    ]
    open_cohort = [replace(mentee, form=None) for mentee in cohort]
    dense_ms, dense_cpu = median_ms(
        lambda: assign(open_cohort, open_mentors), runs=7, warmup=1
    )
    print(
        f"  same, every pair compatible, {5 * len(open_mentors)} places: "
        f"{dense_ms:.0f} ms median (CPU {dense_cpu:.0f} ms)"
    )

    optimum = total_fit(assign(cohort, cohort_mentors), cohort, cohort_mentors)
    by_hand = total_fit(greedy(cohort, cohort_mentors), cohort, cohort_mentors)
    print(
        f"  placed / total fit: optimum {optimum[0]} / {optimum[1]:.2f}, "
        f"greedy best-pair-first {by_hand[0]} / {by_hand[1]:.2f}"
    )


if __name__ == "__main__":
    main()

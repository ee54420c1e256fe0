"""The six forms of mentoring of the целевая модель наставничества.

Seeded by migration 0002 (which keeps its own copy, as migrations should) and
restored by ``mentoring_setup`` if a database was emptied (a test flush, a
site that deleted them by mistake).
"""

from .models import MentoringForm

BUILTIN_FORMS = (
    ("student-student", "ученик – ученик", ["student"], ["student"]),
    ("teacher-teacher", "учитель – учитель", ["teacher"], ["teacher"]),
    ("teacher-student", "учитель – ученик", ["teacher"], ["student"]),
    (
        "student-student-college",
        "студент – студент",
        ["student", "graduate"],
        ["student"],
    ),
    (
        "employer-student",
        "работодатель – студент",
        ["employer_representative"],
        ["student"],
    ),
    ("student-pupil", "студент – ученик", ["student", "graduate"], ["student"]),
)


def ensure_builtin_forms(model=None):
    """Create the missing built-in forms; return how many were created."""
    if model is None:
        model = MentoringForm
    created = 0
    for order, (code, name, mentor_kinds, mentee_kinds) in enumerate(BUILTIN_FORMS):
        _form, was_created = model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "mentor_kinds": mentor_kinds,
                "mentee_kinds": mentee_kinds,
                "sort_order": order * 10,
            },
        )
        created += was_created
    return created

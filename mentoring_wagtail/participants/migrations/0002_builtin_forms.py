from django.db import migrations

# The six forms of the целевая модель наставничества; the school may add more.
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


def add_forms(apps, schema_editor):
    MentoringForm = apps.get_model("mentoring_participants", "MentoringForm")
    for order, (code, name, mentor_kinds, mentee_kinds) in enumerate(BUILTIN_FORMS):
        MentoringForm.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "mentor_kinds": mentor_kinds,
                "mentee_kinds": mentee_kinds,
                "sort_order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("mentoring_participants", "0001_initial")]

    operations = [migrations.RunPython(add_forms, migrations.RunPython.noop)]

"""The fields of a person's records that hold their personal data.

A person's export (JSON and the Word paper) carries them; erasure clears them.
"""

PERSON_FIELDS = (
    "kind",
    "last_name",
    "first_name",
    "patronymic",
    "class_or_group",
    "birth_year",
    "position",
    "organisation",
    "email",
    "phone",
)
MENTOR_FIELDS = (
    "subject_area",
    "competencies",
    "experience_years",
    "interests",
    "preferred_age_min",
    "preferred_age_max",
    "capacity",
    "free_time",
    "status",
)
MENTEE_FIELDS = (
    "request_kind",
    "request_text",
    "request_source",
    "interests",
    "free_time",
)

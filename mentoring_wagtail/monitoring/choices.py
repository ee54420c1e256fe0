"""The monitoring app's choices and codes: models, rules and screens share them.

Kept apart from the models so the rules (totals, counts, answering) import
no model module.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES

SATISFACTION = "satisfaction"
FIELD_CHOICES = (*FORM_FIELD_CHOICES, (SATISFACTION, _("Satisfaction scale")))


class Audience(models.TextChoices):
    MENTEES = "mentees", _("mentees")
    MENTORS = "mentors", _("mentors")
    CURATORS = "curators", _("curators")
    PARENTS = "parents", _("parents")


class Moment(models.TextChoices):
    START = "start", _("start of the year")
    END = "end", _("end of the year")


class Role(models.TextChoices):
    MENTEE = "mentee", _("mentee")
    MENTOR = "mentor", _("mentor")
    CURATOR = "curator", _("curator")
    PARENT = "parent", _("parent")


AUDIENCE_ROLE = {
    Audience.MENTEES: Role.MENTEE,
    Audience.MENTORS: Role.MENTOR,
    Audience.CURATORS: Role.CURATOR,
    Audience.PARENTS: Role.PARENT,
}

# The target indicators of the model and the counts shown beside them.
MENTEES_10_19 = "mentees_10_19"
MENTORS_15_19 = "mentors_15_19"
MENTEE_SATISFACTION = "mentee_satisfaction"
MENTOR_SATISFACTION = "mentor_satisfaction"
TEACHERS_WITH_MENTOR = "teachers_with_mentor"

INDICATOR_LABELS = {
    MENTEES_10_19: _("Share of students aged 10–19 who take part as mentees"),
    MENTORS_15_19: _("Share of students aged 15–19 who take part as mentors"),
    MENTEE_SATISFACTION: _("Mentees satisfied with the programme (survey)"),
    MENTOR_SATISFACTION: _("Mentors satisfied with the programme (survey)"),
    TEACHERS_WITH_MENTOR: _("Share of young and newly arrived teachers with a mentor"),
}
TARGET_FIELDS = {code: f"target_{code}" for code in INDICATOR_LABELS}

MENTORS_TRAINED = "mentors_trained"
MENTEES_SURVEYED = "mentees_surveyed"
MENTEES_TOTAL = "mentees_total"
MENTORS_TOTAL = "mentors_total"
COUNT_LABELS = {
    MENTEES_TOTAL: _("Mentees in pairs and groups"),
    MENTORS_TOTAL: _("Mentors in pairs and groups"),
    MENTORS_TRAINED: _("Mentors who passed training"),
    MENTEES_SURVEYED: _("Potential mentees surveyed at the start of the year"),
}

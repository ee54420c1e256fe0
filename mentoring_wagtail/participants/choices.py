"""The participants' choices: kinds of people, statuses, kinds of meetings.

Models, rules (membership, consent, counts) and forms share them; kept apart
from the models so the rules import no model module.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .free_time import FREE_TIME_CHOICES


class PersonKind(models.TextChoices):
    STUDENT = "student", _("student")
    TEACHER = "teacher", _("teacher")
    GRADUATE = "graduate", _("graduate")
    EMPLOYER_REPRESENTATIVE = "employer_representative", _("employer's representative")


class ConsentGiver(models.TextChoices):
    SELF = "self", _("the person themselves")
    LEGAL_REPRESENTATIVE = "legal_representative", _("legal representative")


class MentorStatus(models.TextChoices):
    CANDIDATE = "candidate", _("candidate")
    INTERVIEWED = "interviewed", _("interviewed")
    APPROVED = "approved", _("approved")
    INACTIVE = "inactive", _("inactive")


class RequestKind(models.TextChoices):
    ACADEMIC = "academic", _("academic")
    SPORT = "sport", _("sport")
    VOLUNTEERING = "volunteering", _("volunteering")
    CREATIVE = "creative", _("creative")
    METHODOLOGICAL = "methodological", _("methodological")
    ADAPTATION = "adaptation", _("adaptation")
    CAREER = "career", _("career guidance")
    OTHER = "other", _("other")


class RequestSource(models.TextChoices):
    SELF = "self", _("the person themselves")
    CLASS_TEACHER = "class_teacher", _("class teacher")
    PSYCHOLOGIST = "psychologist", _("psychologist")
    PARENT = "parent", _("parent")
    OTHER = "other", _("other")


class GroupStatus(models.TextChoices):
    FORMING = "forming", _("forming")
    ACTIVE = "active", _("active")
    FINISHED = "finished", _("finished")
    DISSOLVED = "dissolved", _("dissolved")


# Statuses in which a mentee counts against the mentor's capacity.
OPEN_STATUSES = (GroupStatus.FORMING, GroupStatus.ACTIVE)


class MeetingKind(models.TextChoices):
    ACQUAINTANCE = "acquaintance", _("acquaintance")
    TRIAL = "trial", _("trial work")
    PLANNING = "planning", _("planning")
    REGULAR = "regular", _("regular")
    FINAL = "final", _("final")


# The JSON lists of codes the admin shows as checkboxes, with their choices.
CHOICE_LISTS = {
    "free_time": FREE_TIME_CHOICES,
    "mentor_kinds": PersonKind.choices,
    "mentee_kinds": PersonKind.choices,
}

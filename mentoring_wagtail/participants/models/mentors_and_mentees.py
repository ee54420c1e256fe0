"""Mentors, mentees and the forms of mentoring they work in."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string

from ..choices import MentorStatus, PersonKind, RequestKind, RequestSource
from ..consent import personal_file_errors
from .people import Person


class MentoringForm(models.Model):
    """A form of mentoring (ученик–ученик, учитель–ученик…); the school may add."""

    # Global by nature: the shared list of forms of mentoring (a vocabulary,
    # nobody's data), the same for every school.
    mentoring_site_path = None

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    mentor_kinds = models.JSONField(
        _("kinds of mentor"),
        default=list,
        blank=True,
        help_text=_("who may mentor in this form; empty: anyone"),
    )
    mentee_kinds = models.JSONField(
        _("kinds of mentee"),
        default=list,
        blank=True,
        help_text=_("who may be mentored in this form; empty: anyone"),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("form of mentoring")
        verbose_name_plural = _("forms of mentoring")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Mentor(models.Model):
    mentoring_site_path = "person__site"

    person = models.OneToOneField(
        Person,
        verbose_name=pgettext_lazy("participant", "person"),
        on_delete=models.CASCADE,
        related_name="mentor",
    )
    subject_area = models.CharField(_("field or subject"), max_length=255, blank=True)
    competencies = models.TextField(
        _("competencies"), blank=True, help_text=_("separated by commas or lines")
    )
    experience_years = models.PositiveSmallIntegerField(
        _("experience, years"), null=True, blank=True
    )
    interests = models.TextField(_("interests"), blank=True)
    preferred_age_min = models.PositiveSmallIntegerField(
        _("preferred mentee age from"), null=True, blank=True
    )
    preferred_age_max = models.PositiveSmallIntegerField(
        _("preferred mentee age to"), null=True, blank=True
    )
    capacity = models.PositiveSmallIntegerField(
        _("mentees at most"), default=1, help_text=_("how many mentees they can take")
    )
    free_time = models.JSONField(_("free time"), default=list, blank=True)
    forms = models.ManyToManyField(
        MentoringForm,
        verbose_name=_("forms of mentoring"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MentorStatus.choices,
        default=MentorStatus.CANDIDATE,
    )

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        ordering = ["person__last_name", "person__first_name", "pk"]

    def __str__(self):
        return str(self.person)

    def clean(self):

        if (
            self.preferred_age_min is not None
            and self.preferred_age_max is not None
            and self.preferred_age_min > self.preferred_age_max
        ):
            raise ValidationError(
                {
                    "preferred_age_max": gettext(
                        "The upper age must not be below the lower one."
                    )
                }
            )


class MentorCourse(models.Model):
    mentoring_site_path = "mentor__person__site"

    mentor = models.ForeignKey(
        Mentor,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="courses",
    )
    title = models.CharField(_("title"), max_length=255)
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    certificate = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("course passed")
        verbose_name_plural = _("courses passed")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        # A certificate names its holder: the consent scan's rule.

        if self.certificate_id:
            problems = personal_file_errors(self.certificate)
            if problems:
                raise ValidationError({"certificate": problems})


class Mentee(models.Model):
    mentoring_site_path = "person__site"

    person = models.OneToOneField(
        Person,
        verbose_name=pgettext_lazy("participant", "person"),
        on_delete=models.CASCADE,
        related_name="mentee",
    )
    request_kind = models.CharField(
        _("request"),
        max_length=20,
        choices=RequestKind.choices,
        default=RequestKind.ACADEMIC,
    )
    request_text = models.TextField(_("request in their words"), blank=True)
    request_source = models.CharField(
        _("request came from"),
        max_length=20,
        choices=RequestSource.choices,
        default=RequestSource.SELF,
    )
    interests = models.TextField(_("interests"), blank=True)
    free_time = models.JSONField(_("free time"), default=list, blank=True)
    preferred_form = models.ForeignKey(
        MentoringForm,
        verbose_name=_("preferred form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mentee")
        verbose_name_plural = _("mentees")
        ordering = ["person__last_name", "person__first_name", "pk"]

    def __str__(self):
        return str(self.person)


__all__ = [
    "Mentee",
    "Mentor",
    "MentorCourse",
    "MentorStatus",
    "MentoringForm",
    "PersonKind",
    "RequestKind",
    "RequestSource",
]

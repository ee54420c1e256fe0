"""What the curator enters for a year: totals, targets and the report's text."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..school_totals import school_totals_errors
from ..totals import totals_errors
from ..years import validate_academic_year

DEFAULT_BASIS = (
    "Федеральный закон «Об образовании в Российской Федерации» от 29.12.2012 № 273-ФЗ\n"
    "Распоряжение Минпросвещения России от 25.12.2019 № Р-145 «Об утверждении "
    "методологии (целевой модели) наставничества обучающихся для организаций, "
    "осуществляющих образовательную деятельность по общеобразовательным, "
    "дополнительным общеобразовательным и программам среднего профессионального "
    "образования, в том числе с применением лучших практик обмена опытом между "
    "обучающимися»\n"
    "Письмо Минпросвещения России от 23.01.2020 № МР-42/02 «О направлении целевой "
    "модели наставничества и методических рекомендаций»"
)


def _target(verbose_name):
    return models.DecimalField(
        verbose_name,
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("per cent"),
    )


class MonitoringYear(models.Model):
    """One academic year of a school: the totals only the curator knows."""

    mentoring_site_path = "site"

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    academic_year = models.CharField(
        _("academic year"),
        max_length=9,
        validators=[validate_academic_year],
        help_text=_("for example 2025/2026"),
    )
    students_10_19 = models.PositiveIntegerField(
        _("students aged 10–19"), null=True, blank=True
    )
    students_15_19 = models.PositiveIntegerField(
        _("students aged 15–19"), null=True, blank=True
    )
    young_new_teachers = models.PositiveIntegerField(
        _("young and newly arrived teachers"), null=True, blank=True
    )
    # The whole school, for the report's shares «of all students/teachers».
    students_total = models.PositiveIntegerField(
        _("students in the school, total"), null=True, blank=True
    )
    teachers_total = models.PositiveIntegerField(
        _("teachers in the school, total"), null=True, blank=True
    )
    target_mentees_10_19 = _target(_("target: students aged 10–19 who are mentees"))
    target_mentors_15_19 = _target(_("target: students aged 15–19 who are mentors"))
    target_mentee_satisfaction = _target(_("target: mentees satisfied"))
    target_mentor_satisfaction = _target(_("target: mentors satisfied"))
    target_teachers_with_mentor = _target(
        _("target: young and new teachers with a mentor")
    )
    regulatory_basis = models.TextField(
        _("regulatory basis"),
        default=DEFAULT_BASIS,
        blank=True,
        help_text=_("one act per line; the report lists them"),
    )
    conclusions = models.TextField(_("curator's conclusions and plans"), blank=True)

    class Meta:
        verbose_name = _("monitoring year")
        verbose_name_plural = _("monitoring years")
        ordering = ["-academic_year"]
        permissions = [
            (
                "view_regional_indicators",
                "Can view the aggregated indicators of every school",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "academic_year"],
                name="mentoring_monitoring_year_unique",
            )
        ]

    def __str__(self):
        return self.academic_year

    def clean(self):
        school_totals_errors(self)
        totals_errors(self)

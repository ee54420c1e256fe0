"""Questionnaires: Wagtail form pages answered through single-use links.

Editors compose the questions in Wagtail's own form builder; one field of the
type «satisfaction» (a scale set on the page) feeds the indicators. Mentees
have no site accounts: the curator issues a link per participant
(``ResponseToken``, only the token's hash is kept) and the answer is tied to
the group and the role, without the respondent's name unless the
questionnaire says it keeps names.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import InlinePanel
from wagtail.contrib.forms.models import (
    AbstractFormField,
    AbstractFormSubmission,
    FormMixin,
)
from wagtail.fields import RichTextField

from mentoring_wagtail.access.site_scope import IN_PAGE_TREE
from mentoring_wagtail.section.base_page import BasePage
from mentoring_wagtail.section.models import MentoringPageMixin

from ..answering import QuestionnaireFormBuilder, serve_questionnaire
from ..choices import FIELD_CHOICES, SATISFACTION, Audience, Moment, Role
from ..years import validate_academic_year


class QuestionnaireField(AbstractFormField):
    mentoring_site_path = "page"

    page = ParentalKey(
        "mentoring_monitoring.QuestionnairePage",
        on_delete=models.CASCADE,
        related_name="form_fields",
    )
    field_type = models.CharField(
        verbose_name=_("field type"), max_length=16, choices=FIELD_CHOICES
    )
    field_type.required_on_save = True


class QuestionnairePage(MentoringPageMixin, FormMixin, BasePage):  # noqa: DJ008
    """A questionnaire of the programme for one audience and moment of a year."""

    # A page's school is the site whose tree holds it (``mentoring_site_path``
    # below); the monitoring screens confine it by ``..scope``.

    # Answered only through a personal single-use link: without one a visitor
    # reads a refusal (403), never the form; nothing here is public reading.
    answered_through_personal_links = True

    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("text after answering"), blank=True)
    audience = models.CharField(
        _("who answers"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.MENTEES,
    )
    moment = models.CharField(
        _("when"), max_length=10, choices=Moment.choices, default=Moment.END
    )
    academic_year = models.CharField(
        _("academic year"),
        max_length=9,
        validators=[validate_academic_year],
        help_text=_("for example 2025/2026"),
    )
    closes_at = models.DateTimeField(_("accepts answers until"), null=True, blank=True)
    stores_names = models.BooleanField(
        _("keep respondents' names"),
        default=False,
        help_text=_(
            "off: answers are kept with the group and role only, without the name"
        ),
    )
    scale_min = models.PositiveSmallIntegerField(
        _("satisfaction scale from"), default=1
    )
    scale_max = models.PositiveSmallIntegerField(_("satisfaction scale to"), default=5)
    satisfied_from = models.PositiveSmallIntegerField(
        _("satisfied from"),
        default=4,
        help_text=_("an answer at or above this value counts as satisfied"),
    )

    parent_page_types = ["mentoring_wagtail.MentoringIndexPage"]
    subpage_types = []
    template = "mentoring_wagtail/monitoring/questionnaire_page.html"
    landing_page_template = (
        "mentoring_wagtail/monitoring/questionnaire_page_landing.html"
    )

    content_panels = BasePage.content_panels + [
        "intro",
        "audience",
        "moment",
        "academic_year",
        "closes_at",
        "stores_names",
        "scale_min",
        "scale_max",
        "satisfied_from",
        # Wagtail's default heading and button read «Form fields» and
        # «Добавить questionnaire field».
        InlinePanel("form_fields", heading=_("Questions"), label=_("question")),
        "thank_you_text",
    ]

    mentoring_site_path = IN_PAGE_TREE

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def clean(self):
        super().clean()
        errors = {}
        if self.scale_min >= self.scale_max:
            errors["scale_max"] = gettext("The scale must end above where it starts.")
        elif not self.scale_min <= self.satisfied_from <= self.scale_max:
            errors["satisfied_from"] = gettext(
                "The «satisfied» threshold must lie on the scale (%(low)s–%(high)s)."
            ) % {"low": self.scale_min, "high": self.scale_max}
        scales = [f for f in self.form_fields.all() if f.field_type == SATISFACTION]
        if len(scales) > 1:
            errors[NON_FIELD_ERRORS] = gettext(
                "Only one question may be the satisfaction scale: "
                "the indicators read it."
            )
        if errors:
            raise ValidationError(errors)

    # The form, its answers and the single-use links: see ``..answering``.
    def get_form_class(self):
        return QuestionnaireFormBuilder(
            self.get_form_fields(), page=self
        ).get_form_class()

    def get_submission_class(self):
        return QuestionnaireAnswer

    def satisfaction_field_name(self):
        for field in self.get_form_fields():
            if field.field_type == SATISFACTION:
                return field.clean_name or field.get_field_clean_name()
        return None

    def is_closed(self, now=None):
        return bool(self.closes_at and (now or timezone.now()) >= self.closes_at)

    def serve(self, request, *args, **kwargs):
        return serve_questionnaire(self, request, *args, **kwargs)

    def serve_preview(self, request, mode_name):
        # Editors preview the form itself; answering needs a link.
        if mode_name == "landing":
            return self.render_landing_page(request)
        context = self.get_context(request)
        context["form"] = self.get_form(page=self, user=request.user)
        return TemplateResponse(request, self.get_template(request), context)


def _site_field(verbose_name):
    # Null only for rows a migration could not place: ``mentoring_setup``
    # reports them, and no per-site role ever sees them.
    return models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )


class ResponseToken(models.Model):
    """A personal single-use link; the token itself is never stored."""

    mentoring_site_path = "site"

    site = _site_field(_("site"))
    questionnaire = models.ForeignKey(
        QuestionnairePage,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="tokens",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    group = models.ForeignKey(
        "mentoring_participants.MentoringGroup",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    respondent_kind = models.CharField(_("respondent is a"), max_length=30, blank=True)
    # Only when the questionnaire keeps names.
    person = models.ForeignKey(
        "mentoring_participants.Person",
        verbose_name=pgettext_lazy("participant", "person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("single-use link")
        verbose_name_plural = _("single-use links")
        indexes = [models.Index(fields=["questionnaire", "used_at"])]

    def __str__(self):
        return gettext("Link to «%(q)s», %(role)s") % {
            "q": self.questionnaire.title,
            "role": self.get_role_display(),
        }


class QuestionnaireAnswer(AbstractFormSubmission):
    """One answer: the form data, the group and role, the satisfaction value."""

    mentoring_site_path = "site"

    site = _site_field(_("site"))
    form_data = models.JSONField(encoder=DjangoJSONEncoder)
    group = models.ForeignKey(
        "mentoring_participants.MentoringGroup",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    respondent_kind = models.CharField(_("respondent is a"), max_length=30, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), null=True, blank=True
    )
    token = models.OneToOneField(
        ResponseToken,
        verbose_name=_("link"),
        on_delete=models.PROTECT,
        related_name="answer",
    )
    person = models.ForeignKey(
        "mentoring_participants.Person",
        verbose_name=_("respondent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")
        indexes = [models.Index(fields=["page", "role", "satisfaction"])]

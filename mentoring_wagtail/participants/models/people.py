"""People of the programme and their consents to the processing of their data.

A person exists in the bases from the day the curator enters them, but may be
put into a group only with a valid processing consent (``consent.py``). A
withdrawn consent (with no newer valid one) or an erasure hides the person
everywhere: ``Person.objects.visible()`` is what every listing starts from.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string

from ..choices import ConsentGiver, PersonKind
from ..consent import consent_errors

# Plausible ages by kind, for the birth year check (never a full birth date).
AGE_RANGES = {
    PersonKind.STUDENT: (5, 25),
    PersonKind.TEACHER: (18, 90),
    PersonKind.GRADUATE: (16, 90),
    PersonKind.EMPLOYER_REPRESENTATIVE: (18, 90),
}
ADULT_AGE = 18


def _valid_processing_consents(today=None):
    today = today or timezone.localdate()
    return PersonalDataConsent.objects.filter(
        covers_processing=True, given_on__lte=today
    ).filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today))


def only_visible(queryset, path="", today=None):
    """``queryset`` without hidden people; ``path`` leads to the person
    ("" for people, "person__" for mentees, "mentee__person__"…).

    Correlated on the row's own person: one cheap indexed lookup per row. A
    ``person__in=<subquery>`` form was seconds on SQLite at 3 000 people.
    """
    today = today or timezone.localdate()
    ref = OuterRef(f"{path}pk" if path else "pk")
    withdrawn = PersonalDataConsent.objects.filter(
        person=ref, covers_processing=True, withdrawn_on__lte=today
    )
    valid = _valid_processing_consents(today).filter(person=ref)
    return queryset.filter(**{f"{path}erased_at__isnull": True}).filter(
        ~Exists(withdrawn) | Exists(valid)
    )


def only_with_valid_consent(queryset, path="", today=None):
    """``queryset`` limited to people with a valid processing consent."""
    ref = OuterRef(f"{path}pk" if path else "pk")
    return queryset.filter(Exists(_valid_processing_consents(today).filter(person=ref)))


class PersonQuerySet(models.QuerySet):
    def with_valid_processing_consent(self, today=None):
        return self.filter(
            Exists(_valid_processing_consents(today).filter(person=OuterRef("pk")))
        )

    def with_publication_consent(self, today=None):
        return self.filter(
            Exists(
                _valid_processing_consents(today).filter(
                    person=OuterRef("pk"), covers_publication=True
                )
            )
        )

    def withdrawn(self, today=None):
        """People whose processing consent was withdrawn and not given again."""
        today = today or timezone.localdate()
        withdrawn = PersonalDataConsent.objects.filter(
            person=OuterRef("pk"), covers_processing=True, withdrawn_on__lte=today
        )
        valid = _valid_processing_consents(today).filter(person=OuterRef("pk"))
        return self.filter(Exists(withdrawn) & ~Exists(valid))

    def visible(self, today=None):
        """Not erased and not withdrawn: who may appear in any listing."""
        return only_visible(self, "", today)

    def for_site(self, site):
        return self.filter(site=site)


class Person(models.Model):
    mentoring_site_path = "site"

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PersonKind.choices)
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    class_or_group = models.CharField(
        _("class or group"),
        max_length=50,
        blank=True,
        help_text=_("for students: the class (7 «Б») or study group"),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        help_text=_("the year only: a full date of birth is never kept"),
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("site user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentoring_people",
        help_text=_("a mentor linked to a user signs in and sees their own groups"),
    )
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("participant", "person")
        verbose_name_plural = pgettext_lazy("participant", "people")
        ordering = ["last_name", "first_name", "patronymic", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "user"],
                condition=Q(user__isnull=False),
                name="mentoring_person_unique_user_per_site",
                violation_error_message=_(
                    "This site user is already linked to another person."
                ),
            )
        ]
        permissions = [("export_person", _("Can export and erase a person's data"))]

    def __str__(self):
        if self.erased_at:
            return gettext("Erased person #%(pk)s") % {"pk": self.pk}
        return self.full_name

    @property
    def full_name(self):
        return " ".join(
            filter(None, [self.last_name, self.first_name, self.patronymic])
        )

    @property
    def short_name(self):
        initials = "".join(
            f"{part[0]}." for part in (self.first_name, self.patronymic) if part
        )
        return f"{self.last_name} {initials}".strip()

    def age(self, year=None):
        if not self.birth_year:
            return None
        return (year or timezone.localdate().year) - self.birth_year

    def is_minor(self):
        age = self.age()
        if age is None:
            return self.kind == PersonKind.STUDENT
        return age < ADULT_AGE

    def _consents(self):
        # Uses the prefetched consents when a listing prefetched them.
        return list(self.consents.all())

    def valid_processing_consent(self, today=None):
        today = today or timezone.localdate()
        for consent in self._consents():
            if consent.is_valid_for_processing(today):
                return consent
        return None

    @property
    def has_processing_consent(self):
        return self.valid_processing_consent() is not None

    @property
    def has_publication_consent(self):
        today = timezone.localdate()
        return any(
            consent.is_valid_for_processing(today) and consent.covers_publication
            for consent in self._consents()
        )

    @property
    def is_withdrawn(self):
        today = timezone.localdate()
        consents = [c for c in self._consents() if c.covers_processing]
        return any(
            c.withdrawn_on and c.withdrawn_on <= today for c in consents
        ) and not any(c.is_valid_for_processing(today) for c in consents)

    @property
    def is_hidden(self):
        return bool(self.erased_at) or self.is_withdrawn

    def clean(self):
        errors = {}
        if self.birth_year:
            low, high = AGE_RANGES.get(self.kind, (0, 120))
            age = timezone.localdate().year - self.birth_year
            if not low <= age <= high:
                errors["birth_year"] = gettext(
                    "Year of birth %(year)s makes the person %(age)s years old, "
                    "which is not plausible for a %(kind)s (%(low)s–%(high)s years)."
                ) % {
                    "year": self.birth_year,
                    "age": age,
                    "kind": self.get_kind_display(),
                    "low": low,
                    "high": high,
                }
        if errors:
            raise ValidationError(errors)


class PersonalDataConsent(models.Model):
    """A signed consent to the processing (and optionally publication) of data."""

    mentoring_site_path = "person__site"

    person = models.ForeignKey(
        Person,
        verbose_name=pgettext_lazy("participant", "person"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    given_by = models.CharField(
        _("given by"),
        max_length=30,
        choices=ConsentGiver.choices,
        default=ConsentGiver.SELF,
    )
    representative_name = models.CharField(
        _("representative's name"), max_length=255, blank=True
    )
    representative_relation = models.CharField(
        _("representative's relation"),
        max_length=100,
        blank=True,
        help_text=_("mother, father, guardian…"),
    )
    given_on = models.DateField(_("given on"))
    covers_processing = models.BooleanField(
        _("processing of personal data"), default=True
    )
    covers_publication = models.BooleanField(
        _("publication of name and photo on the site"), default=False
    )
    scan = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("signed scan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("PDF or image of the signed consent"),
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal data consent")
        verbose_name_plural = _("personal data consents")
        ordering = ["-given_on", "-pk"]

    def __str__(self):
        return gettext("Consent of %(person)s of %(date)s") % {
            "person": self.person,
            "date": self.given_on.strftime("%d.%m.%Y") if self.given_on else "—",
        }

    def is_valid_for_processing(self, today=None):
        today = today or timezone.localdate()
        return bool(
            self.covers_processing
            and self.given_on
            and self.given_on <= today
            and (self.withdrawn_on is None or self.withdrawn_on > today)
        )

    def clean(self):
        errors = consent_errors(self)
        if errors:
            raise ValidationError(errors)

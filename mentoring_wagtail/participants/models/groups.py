"""Mentoring pairs and groups, their plan and their meeting log.

The rules that decide whether a mentee may join a group (consent, mentor
status, capacity) live in one place, ``..membership``; ``clean`` here and the
forms and services all call it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mentoring_wagtail.documents.official import STATUS_IN_FORCE
from mentoring_wagtail.roadmaps.deadlines import parse_deadline

from ..choices import OPEN_STATUSES, GroupStatus, MeetingKind
from ..membership import membership_errors, mentor_errors, mentor_school_errors
from .mentors_and_mentees import Mentee, Mentor, MentoringForm
from .people import Person


class MentoringGroupQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def for_mentor_user(self, user):
        return self.filter(
            mentor__person__user=user, mentor__person__erased_at__isnull=True
        )


class MentoringGroup(models.Model):
    """A pair (one mentee) or group (several) with one mentor."""

    mentoring_site_path = "site"

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    mentor = models.ForeignKey(
        Mentor,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="groups",
    )
    mentees = models.ManyToManyField(
        Mentee,
        verbose_name=_("mentees"),
        through="GroupMembership",
        related_name="groups",
        blank=True,
    )
    form = models.ForeignKey(
        MentoringForm,
        verbose_name=_("form of mentoring"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    academic_year = models.CharField(
        _("academic year"), max_length=9, help_text=_("for example 2025/2026")
    )
    start = models.DateField(_("start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    goals = models.TextField(_("goals"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=GroupStatus.choices,
        default=GroupStatus.FORMING,
    )
    dissolution_reason = models.TextField(_("reason of dissolution"), blank=True)
    fixing_order = models.ForeignKey(
        "mentoring_wagtail.Order",
        verbose_name=_("order fixing the group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MentoringGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentoring group")
        verbose_name_plural = _("mentoring groups")
        ordering = ["-academic_year", "mentor__person__last_name", "pk"]

    def __str__(self):
        return gettext("%(mentor)s, %(form)s, %(year)s") % {
            "mentor": self.mentor.person.short_name if self.mentor_id else "—",
            "form": self.form if self.form_id else "—",
            "year": self.academic_year,
        }

    def clean(self):
        errors = {}
        if self.status == GroupStatus.DISSOLVED and not self.dissolution_reason.strip():
            errors["dissolution_reason"] = gettext("Say why the group was dissolved.")
        if self.start and self.planned_end and self.planned_end < self.start:
            errors["planned_end"] = gettext("The planned end is before the start.")
        if self.mentor_id:
            if problems := mentor_school_errors(self):
                errors["mentor"] = problems
        if self.mentor_id and self.status in OPEN_STATUSES and not errors.get("mentor"):
            problems = mentor_errors(
                self.mentor, form=self.form if self.form_id else None
            )
            if problems:
                errors["mentor"] = problems
        if errors:
            raise ValidationError(errors)

    def fixing_order_in_force(self):
        """The fixing order is published (signed) and not revoked or expired."""
        order = self.fixing_order
        return bool(order and order.live and order.get_status() == STATUS_IN_FORCE)


class GroupMembership(models.Model):
    mentoring_site_path = "group__site"

    group = models.ForeignKey(
        MentoringGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    mentee = models.ForeignKey(
        Mentee,
        verbose_name=_("mentee"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "mentee"], name="mentoring_membership_unique"
            )
        ]

    def __str__(self):
        return str(self.mentee)

    def clean(self):
        if self.group_id and self.mentee_id:
            if self.pk is not None:
                return  # an existing member stays; the rule is for joining
            errors = membership_errors(self.group, [self.mentee])
            if errors:
                raise ValidationError({"mentee": errors})


class GroupPlanTask(models.Model):
    """A task of the personalised plan: the roadmap activity's shape."""

    mentoring_site_path = "group__site"

    group = models.ForeignKey(
        MentoringGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="plan_tasks",
    )
    title = models.CharField(_("task"), max_length=500)
    deadline = models.CharField(
        _("deadline"),
        max_length=255,
        blank=True,
        help_text=_("as written: «до 15 октября»"),
    )
    deadline_date = models.DateField(
        _("deadline date"), null=True, blank=True, editable=False
    )
    done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")
        ordering = ["group", "sort_order", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        parsed = parse_deadline(
            self.deadline, self.group.academic_year if self.group_id else ""
        )
        self.deadline_date = parsed.end or parsed.start
        if self.done and not self.done_on:
            self.done_on = timezone.localdate()
        if not self.done:
            self.done_on = None
        super().save(*args, **kwargs)


class Meeting(models.Model):
    mentoring_site_path = "group__site"

    group = models.ForeignKey(
        MentoringGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    date = models.DateField(_("date"))
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=MeetingKind.choices,
        default=MeetingKind.REGULAR,
    )
    attendees = models.ManyToManyField(
        Person, verbose_name=_("who attended"), blank=True, related_name="meetings"
    )
    notes = models.TextField(_("short notes"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return gettext("%(kind)s meeting of %(date)s") % {
            "kind": self.get_kind_display(),
            "date": self.date.strftime("%d.%m.%Y") if self.date else "—",
        }

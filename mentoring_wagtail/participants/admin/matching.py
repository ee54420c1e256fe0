"""Matching screens: ranked mentors for a mentee; «Предложить пары» for a cohort.

Both read profiles through ``matching_adapters`` and leave the arithmetic to
``matching.rank`` / ``matching.assign``. Accepting creates groups in status
«формируется» through the one membership rule (``membership``): any refused
row leaves everything unsaved and says which row and why.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import Button
from wagtail.log_actions import log

from mentoring_wagtail.access.lookups import get_by_pk_or_404
from mentoring_wagtail.access.site_scope import may

from .. import matching
from ..audit import log_view_card
from ..choosable import choosable
from ..matching_adapters import (
    available_mentors,
    mentee_profile,
    mentees_for_matching,
    mentor_profile,
)
from ..membership import composition_errors
from ..models import Mentee, MentoringForm, MentoringGroup
from ..models.people import only_visible
from ..permissions import can


def may_match(user):
    return can(user, "add", MentoringGroup) and can(user, "view", Mentee)


def current_academic_year(today=None):
    today = today or timezone.localdate()
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}/{start + 1}"


def choose_form(mentor, mentee, forms):
    """The form of the new pair: the mentee's wish if the mentor offers it,
    else the first form of the mentor that fits both kinds."""
    offered = [f for f in forms if f.pk in {x.pk for x in mentor.forms.all()}] or forms
    wish = mentee.preferred_form
    if wish is not None and wish in offered:
        return wish
    for form in offered:
        if (not form.mentor_kinds or mentor.person.kind in form.mentor_kinds) and (
            not form.mentee_kinds or mentee.person.kind in form.mentee_kinds
        ):
            return form
    return None


class MatchingView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not may_match(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def create_groups(plan, user, academic_year, start):
    """Create one forming group per (mentor, form) of ``plan``.

    ``plan``: list of (mentee, mentor, form). Returns ``(groups, errors)``
    where errors maps a mentee id to messages; with any error nothing is saved.
    """
    errors = {}
    by_group = {}
    for mentee, mentor, form in plan:
        if form is None:
            errors[mentee.pk] = [
                _("Mentor %(name)s works in no form that suits this mentee.")
                % {"name": mentor.person.full_name}
            ]
            continue
        by_group.setdefault((mentor, form), []).append(mentee)
    groups = []
    try:
        with transaction.atomic():
            for (mentor, form), mentees in by_group.items():
                group = MentoringGroup(
                    site=mentor.person.site,
                    mentor=mentor,
                    form=form,
                    academic_year=academic_year,
                    start=start,
                )
                problems = composition_errors(group, mentees)
                if problems:
                    for mentee in mentees:
                        errors[mentee.pk] = problems
                    continue
                group.save()
                group.mentees.add(*mentees, through_defaults={"joined_on": start})
                log(group, "wagtail.create", user=user)
                groups.append(group)
            if errors:
                raise ValidationError("refused")
    except ValidationError:
        return [], errors
    return groups, errors


class RankView(MatchingView):
    """The approved mentors ranked for one mentee, with the reasons."""

    template_name = "mentoring_wagtail/participants/matching_rank.html"
    page_title = gettext_lazy("Mentors for a mentee")

    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, **kwargs)
        self.mentee = get_by_pk_or_404(
            only_visible(Mentee.objects.all(), "person__").select_related(
                "person", "preferred_form"
            ),
            pk=pk,
        )

    def dispatch(self, request, *args, **kwargs):
        # Setup found the mentee: another school's is refused like a missing right.
        if not may(request.user, ["view", "change"], self.mentee):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.mentee.person.full_name

    def ranked(self):
        mentors = {m.pk: m for m in available_mentors(self.mentee.person.site)}
        profiles = [mentor_profile(m) for m in mentors.values()]
        return [
            (mentors[profile.id], fit)
            for profile, fit in matching.rank(mentee_profile(self.mentee), profiles)
        ]

    def get(self, request, *args, **kwargs):
        log_view_card(self.mentee, request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            mentee=self.mentee,
            rows=self.ranked(),
            has_consent=self.mentee.person.has_processing_consent,
        )
        return context

    def post(self, request, *args, **kwargs):
        mentor = next(
            (m for m, _fit in self.ranked() if str(m.pk) == request.POST.get("mentor")),
            None,
        )
        if mentor is None:
            messages.error(request, _("Choose one of the mentors offered."))
            return redirect(request.path)
        form = choose_form(mentor, self.mentee, list(MentoringForm.objects.all()))
        groups, errors = create_groups(
            [(self.mentee, mentor, form)],
            request.user,
            current_academic_year(),
            timezone.localdate(),
        )
        if errors:
            for problem in errors[self.mentee.pk]:
                messages.error(request, problem)
            return redirect(request.path)
        messages.success(request, _("The pair is created and is being formed."))
        return redirect(reverse("mentoring_groups:edit", args=[groups[0].pk]))


class CohortView(MatchingView):
    """«Предложить пары»: an optimal assignment the curator edits and accepts."""

    template_name = "mentoring_wagtail/participants/matching_cohort.html"
    page_title = gettext_lazy("Propose pairs")

    def load(self):
        # The people of the user's school(s) only (the policy's rule).
        user = self.request.user
        mentors = {m.pk: m for m in choosable(available_mentors(), user)}
        mentees = list(choosable(mentees_for_matching(), user))
        return mentors, mentees

    def propose(self, mentors, mentees):
        """The optimal assignment within each school: a role covering several
        schools never gets a pair across two of them."""
        assignment, fits = {}, {}
        for site_id in {m.person.site_id for m in mentees}:
            mentor_profiles = [
                mentor_profile(m)
                for m in mentors.values()
                if m.person.site_id == site_id
            ]
            mentee_profiles = [
                mentee_profile(m) for m in mentees if m.person.site_id == site_id
            ]
            chosen_here = matching.assign(mentee_profiles, mentor_profiles)
            by_id = {p.id: p for p in mentor_profiles}
            for profile in mentee_profiles:
                chosen = chosen_here.get(profile.id)
                if chosen is not None:
                    assignment[profile.id] = chosen
                    fits[profile.id] = matching.fit(by_id[chosen], profile)
        return assignment, fits

    def rows(self, mentors, mentees, chosen, fits, errors=None):
        errors = errors or {}
        return [
            {
                "mentee": mentee,
                # Only the mentors of the mentee's own school are offered.
                "mentors": [
                    m
                    for m in mentors.values()
                    if m.person.site_id == mentee.person.site_id
                ],
                "mentor_id": chosen.get(mentee.pk),
                "fit": fits.get(mentee.pk),
                "errors": errors.get(mentee.pk, []),
            }
            for mentee in mentees
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("academic_year", current_academic_year())
        context.setdefault("start", timezone.localdate())
        return context

    def get(self, request, *args, **kwargs):
        mentors, mentees = self.load()
        assignment, fits = self.propose(mentors, mentees)
        return self.render_to_response(
            self.get_context_data(
                rows=self.rows(mentors, mentees, assignment, fits),
                mentors=list(mentors.values()),
                total=sum(f.score for f in fits.values()),
            )
        )

    def post(self, request, *args, **kwargs):
        mentors, mentees = self.load()
        by_pk = {m.pk: m for m in mentees}
        chosen = {}
        for key, value in request.POST.items():
            if not key.startswith("mentor_") or not value:
                continue
            try:
                mentee_id, mentor_id = int(key[7:]), int(value)
            except ValueError:
                continue
            if mentee_id in by_pk and mentor_id in mentors:
                chosen[mentee_id] = mentor_id
        academic_year = (request.POST.get("academic_year") or "").strip()
        academic_year = academic_year[:9] or current_academic_year()
        start = timezone.localdate()
        forms = list(MentoringForm.objects.all())
        plan = [
            (
                by_pk[mentee_id],
                mentors[mentor_id],
                choose_form(mentors[mentor_id], by_pk[mentee_id], forms),
            )
            for mentee_id, mentor_id in chosen.items()
        ]
        if not plan:
            messages.error(request, _("No pair is chosen."))
            return redirect(request.path)
        groups, errors = create_groups(plan, request.user, academic_year, start)
        if errors:
            messages.error(
                request, _("Nothing is saved: correct the rows marked below.")
            )
            _assignment, fits = self.propose(mentors, mentees)
            return self.render_to_response(
                self.get_context_data(
                    rows=self.rows(mentors, mentees, chosen, {}, errors),
                    mentors=list(mentors.values()),
                    academic_year=academic_year,
                ),
                status=200,
            )
        messages.success(
            request,
            _("%(count)s groups created; they are being formed.")
            % {"count": len(groups)},
        )
        return redirect("mentoring_groups:index")


class MatchingMenuItem(MenuItem):
    def is_shown(self, request):
        return may_match(request.user)


class MatchingViewSet(ViewSet):
    icon = "group"
    menu_label = gettext_lazy("Propose pairs")
    menu_order = 145

    def get_menu_item(self, order=None):
        return MatchingMenuItem(
            self.menu_label,
            self.menu_url,
            name=self.name,
            icon_name=self.icon,
            order=self.get_menu_item_order(order),
        )

    def get_urlpatterns(self):
        return [
            path("", CohortView.as_view(), name="cohort"),
            path("mentee/<int:pk>/", RankView.as_view(), name="rank"),
        ]


def mentee_buttons(user, mentee):
    if not may_match(user):
        return []
    return [
        Button(
            _("Find a mentor"),
            url=reverse("mentoring_matching:rank", args=[mentee.pk]),
            icon_name="group",
            priority=25,
        )
    ]

"""«Моё портфолио»: the signed-in mentor's way to their own page.

The mentor is found through ``Person.user``; their page is edited in Wagtail's
own page editor (revisions, preview, compare, workflow), where the page's
local group gives them that page alone. A mentor without a page yet creates a
draft under «Наши наставники» of their site here.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from mentoring_wagtail.participants.models import Mentor

from ..eligibility import keeps_editing_right, why_not_publishable
from ..models import MentorIndexPage, MentorPortfolioPage
from .consent_tasks import what_is_missing


def mentor_for_user(user):
    """The user's mentor record (cached on the user for the request)."""
    if not (user.is_authenticated and user.is_active):
        return None
    if not hasattr(user, "_mentoring_own_mentor"):
        user._mentoring_own_mentor = (
            Mentor.objects.select_related("person")
            .prefetch_related("person__consents")
            .filter(person__user=user, person__erased_at__isnull=True)
            .first()
        )
    return user._mentoring_own_mentor


def own_portfolio(user):
    mentor = mentor_for_user(user)
    if mentor is None:
        return None
    return MentorPortfolioPage.objects.filter(mentor=mentor).first()


def index_for(mentor):
    return (
        MentorIndexPage.objects.filter(path__startswith=_site_root_path(mentor))
        .order_by("path")
        .first()
    )


def _site_root_path(mentor):
    return mentor.person.site.root_page.path


def create_own_portfolio(mentor, user):
    index = index_for(mentor)
    if index is None:
        return None
    person = mentor.person
    page = MentorPortfolioPage(
        title=person.full_name,
        slug=slugify(f"mentor-{mentor.pk}"),
        mentor=mentor,
        position=person.position,
        subject=mentor.subject_area,
        experience_years=mentor.experience_years,
        competencies=mentor.competencies,
        live=False,
        owner=user,
    )
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page


class MyPortfolioView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "mentoring_portfolios/admin/my_portfolio.html"
    page_title = _("My portfolio")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        self.mentor = mentor_for_user(request.user)
        if self.mentor is None:
            raise PermissionDenied
        self.page = own_portfolio(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if (
            self.page is not None
            and self.page.permissions_for_user(request.user).can_edit()
        ):
            return redirect("wagtailadmin_pages:edit", self.page.pk)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.page is not None or not keeps_editing_right(self.mentor):
            raise PermissionDenied
        with transaction.atomic():
            page = create_own_portfolio(self.mentor, request.user)
        if page is None:
            messages.error(request, _("The site has no «Our mentors» page yet."))
            return redirect("mentoring_portfolios:mine")
        messages.success(request, _("Your portfolio draft is created."))
        return redirect("wagtailadmin_pages:edit", page.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            mentor=self.mentor,
            page=self.page,
            may_create=self.page is None and keeps_editing_right(self.mentor),
            has_index=index_for(self.mentor) is not None,
            why_not=why_not_publishable(self.mentor),
            missing=what_is_missing(self.mentor),
        )
        return context


def my_portfolio_url():
    return reverse("mentoring_portfolios:mine")


app_name = "mentoring_portfolios"
urlpatterns = [path("mine/", MyPortfolioView.as_view(), name="mine")]

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.fields import RichTextField
from wagtail.models import get_page_models
from wagtail.search import index

from ..access.site_scope import IN_PAGE_TREE
from ..conf import get_setting
from .base_page import BasePage
from .official_pages import OfficialPagePermissionTester
from .site_settings import OrganisationSettings

# A feature above names the workflow of a page not saved yet (approvals: the
# route of the page's type): ``fn(page)`` returns a Workflow or None.
NEW_PAGE_WORKFLOW_HOOK = "mentoring_new_page_workflow"


class MentoringPageMixin:
    """Behaviour shared by every page of the mentoring section.

    Plain methods only, so a site may mix it into its own page types.
    """

    def get_mentoring_section(self):
        """The nearest «Наставничество» index page above (or at) this page."""
        if isinstance(self.specific_deferred, MentoringIndexPage):
            return self.specific_deferred
        return (
            MentoringIndexPage.objects.ancestor_of(self, inclusive=True)
            .order_by("-depth")
            .first()
        )

    def get_workflow(self):
        """A page not saved yet names its type's route, not the tree's.

        Wagtail finds a new page's workflow through the page tree, where only
        «Moderators approval» is (its group has no members): the add form
        offered «Отправить в "Moderators approval"». Once saved, the page is
        assigned its route (``approvals.routes.assign_new_page``).
        """
        if self.pk is None:
            for workflow_of_new_page in hooks.get_hooks(NEW_PAGE_WORKFLOW_HOOK):
                workflow = workflow_of_new_page(self)
                if workflow is not None:
                    return workflow
        return super().get_workflow()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["mentoring_base_template"] = get_setting("BASE_TEMPLATE")
        return context

    def get_meta_description(self):
        """The page's description for search engines and link previews."""
        if self.search_description:
            return self.search_description
        intro = strip_tags(str(getattr(self, "intro", "") or "")).strip()
        return Truncator(" ".join(intro.split())).chars(300)

    def permissions_for_user(self, user):
        # Published pages of the section are never deleted or moved.
        return OfficialPagePermissionTester(user, self)

    def get_organisation(self, request=None):
        if request is not None:
            return OrganisationSettings.for_request(request)
        site = self.get_site()
        return OrganisationSettings.for_site(site) if site else None


class MentoringIndexPageMixin(MentoringPageMixin, models.Model):
    """The root of a programme's public section; lists what is published below.

    Subclass it with your site's base page to give the section your own layout.
    """

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = ["title", "intro"]
    search_fields = [index.SearchField("intro")]
    template = "mentoring_wagtail/mentoring_index_page.html"

    class Meta:
        abstract = True

    def get_published_children(self):
        # Titles, URLs and descriptions are the base page's: no query per page
        # type for the specific rows (``child.specific`` still works if needed).
        return self.get_children().live().public().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["published_children"] = self.get_published_children()
        context["organisation"] = self.get_organisation(request)
        return context


class MentoringIndexPage(MentoringIndexPageMixin, BasePage):  # noqa: DJ008 (Page's)
    # The section's own page types (see clean_subpage_models for the others).
    subpage_types = [
        "mentoring_wagtail.DocumentRegistryPage",
        "mentoring_wagtail.RoadmapPage",
    ]
    content_panels = BasePage.content_panels + ["intro"]
    search_fields = BasePage.search_fields + MentoringIndexPageMixin.search_fields
    # Kept once published (official_pages).
    official_document = True

    mentoring_site_path = IN_PAGE_TREE

    class Meta:
        verbose_name = _("mentoring section")
        verbose_name_plural = _("mentoring sections")

    @classmethod
    def clean_subpage_models(cls):
        # The optional apps' pages (portfolios, questionnaires, indicators…) join
        # by naming the section in their own parent_page_types: the core never
        # imports them, and a page type that names no parent stays out.
        if cls._clean_subpage_models is None:
            own = list(super().clean_subpage_models())
            cls._clean_subpage_models = own + [
                model
                for model in get_page_models()
                if model not in own
                and getattr(model, "parent_page_types", None) is not None
                and cls in model.clean_parent_page_models()
            ]
        return cls._clean_subpage_models

"""What bumps the version of the portfolios' cached bodies (``public_cache``):
every save, deletion or publication of what a portfolio or the mentors'
listing shows, connected in ``AppConfig.ready``."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from mentoring_wagtail.participants.models import (
    GroupMembership,
    GroupPlanTask,
    Mentor,
    MentorCourse,
    MentoringForm,
    MentoringGroup,
    Person,
    PersonalDataConsent,
)

from .models import (
    Award,
    MenteeAchievement,
    MentorIndexPage,
    MentorPortfolioPage,
    PortfolioCourse,
    PracticeAuthor,
    PracticeIndexPage,
    PracticePage,
)
from .public_cache import bump_version


def _on_change(sender, **kwargs):
    if not kwargs.get("raw"):
        bump_version()


def _on_m2m(sender, action, **kwargs):
    if action.startswith("post_"):
        bump_version()


def connect_signals():
    image_model = get_image_model()
    watched = [
        MentorIndexPage,
        MentorPortfolioPage,
        PracticeIndexPage,
        PracticePage,
        PracticeAuthor,
        PortfolioCourse,
        MenteeAchievement,
        MentoringGroup,  # the mentees' numbers on a portfolio
        GroupMembership,
        GroupPlanTask,
        PersonalDataConsent,
        Mentor,
        MentorCourse,
        MentoringForm,
        Person,
        Award,
        image_model,
        image_model.get_rendition_model(),
        PageViewRestriction,
        Site,
        _order_model(),
    ]
    uid = "mentoring-portfolios-cache-"
    for model in watched:
        label = model._meta.label_lower
        post_save.connect(_on_change, sender=model, dispatch_uid=uid + "s" + label)
        post_delete.connect(_on_change, sender=model, dispatch_uid=uid + "d" + label)
    m2m_changed.connect(_on_m2m, sender=Mentor.forms.through, dispatch_uid=uid + "mf")
    # Any page: a registry page links the awards' orders, an ancestor's move
    # or unpublishing changes the portfolios' URLs or hides them.
    page_published.connect(_on_change, dispatch_uid=uid + "pub")
    page_unpublished.connect(_on_change, dispatch_uid=uid + "unpub")
    post_page_move.connect(_on_change, dispatch_uid=uid + "move")
    post_delete.connect(_on_change, sender=Page, dispatch_uid=uid + "pagedel")


def _order_model():
    return Award._meta.get_field("order").related_model

"""Consent and status rules applied the moment they change.

Withdrawing the publication consent, an erasure, or a mentor leaving
(inactive) unpublishes the portfolio at once (Wagtail's unpublish: out of the
index page, search and sitemap, logged), stops its moderation, and takes
back the mentor's editing right. The page itself stays, unpublished, with
its revisions; its photo's renditions are deleted (and the photo itself on
erasure), so no URL of them answers any more. A portfolio published while
the mentor may not be public (an approval arriving after a withdrawal) is
unpublished straight away.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.signals import page_published

from mentoring_wagtail.participants.models import Mentor, Person, PersonalDataConsent

from .eligibility import is_publishable
from .models import MentorIndexPage, MentorPortfolioPage
from .photo_files import withhold as withhold_photos
from .rights import sync_mentor_right, take_back_from
from .setup_steps import grant_moderators


def _fresh_mentor(person_id):
    return (
        Mentor.objects.select_related("person__user")
        .prefetch_related("person__consents")
        .filter(person_id=person_id)
        .first()
    )


def enforce_for_person(person_id):
    mentor = _fresh_mentor(person_id)
    if mentor is None:
        return
    publishable = is_publishable(mentor)
    for page in MentorPortfolioPage.objects.filter(mentor=mentor):
        page.mentor = mentor  # the one with its consents loaded
        if not publishable:
            withdraw_from_public(page)
            withhold_photos(page, erase=bool(mentor.person.erased_at))
        sync_mentor_right(page)


def withdraw_from_public(page):
    workflow_state = page.current_workflow_state
    if workflow_state is not None:
        workflow_state.cancel(user=None)
    if page.live:
        page.unpublish(log_action=True)


def _on_consent(sender, instance, raw=False, **kwargs):
    if not raw:
        enforce_for_person(instance.person_id)


def _on_mentor(sender, instance, raw=False, **kwargs):
    if not raw:
        enforce_for_person(instance.person_id)


def _on_person(sender, instance, raw=False, **kwargs):
    if raw:
        return
    previous_user = getattr(instance, "_mentoring_previous", None)
    if previous_user and previous_user != instance.user_id:
        for page in MentorPortfolioPage.objects.filter(mentor__person=instance):
            take_back_from(previous_user, page)
    enforce_for_person(instance.pk)


def _remember_previous(sender, instance, raw=False, update_fields=None, **kwargs):
    """``pre_save``: who held the right before this save."""
    watched = "user" if sender is Person else "mentor"
    if raw or instance.pk is None:
        return
    if update_fields is not None and watched not in update_fields:
        return
    field = "user_id" if sender is Person else "mentor__person__user_id"
    instance._mentoring_previous = (
        sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first()
    )


def _on_page_saved(
    sender, instance, created=False, raw=False, update_fields=None, **kwargs
):
    if raw or (update_fields is not None and "mentor" not in update_fields):
        return
    previous_user = getattr(instance, "_mentoring_previous", None)
    if previous_user and previous_user != instance.mentor.person.user_id:
        take_back_from(previous_user, instance)
    sync_mentor_right(instance)


def _on_published(sender, instance, **kwargs):
    page = instance.specific
    mentor = _fresh_mentor(page.mentor.person_id)
    if not is_publishable(mentor):
        page.unpublish(log_action=True)


def _on_index_created(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        grant_moderators(instance)


def connect_signals():
    uid = "mentoring-portfolios-"
    post_save.connect(_on_index_created, sender=MentorIndexPage, dispatch_uid=uid + "i")
    post_save.connect(_on_consent, sender=PersonalDataConsent, dispatch_uid=uid + "c")
    post_delete.connect(
        _on_consent, sender=PersonalDataConsent, dispatch_uid=uid + "cd"
    )
    post_save.connect(_on_mentor, sender=Mentor, dispatch_uid=uid + "m")
    post_save.connect(_on_person, sender=Person, dispatch_uid=uid + "p")
    pre_save.connect(_remember_previous, sender=Person, dispatch_uid=uid + "pp")
    pre_save.connect(
        _remember_previous, sender=MentorPortfolioPage, dispatch_uid=uid + "sp"
    )
    post_save.connect(
        _on_page_saved, sender=MentorPortfolioPage, dispatch_uid=uid + "s"
    )
    page_published.connect(
        _on_published, sender=MentorPortfolioPage, dispatch_uid=uid + "pub"
    )

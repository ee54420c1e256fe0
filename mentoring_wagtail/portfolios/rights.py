"""The mentor's right on their own portfolio page.

Pages carry rights the way Wagtail reads them: ``GroupPagePermission`` rows.
So the mentor becomes a member of the page's local group through the core's
``make_responsible_for_page`` (the same mechanism as «Доступ»), which holds
add/change/view on that page alone; without publish, everything they write
goes through moderation. The right follows ``eligibility.keeps_editing_right``
and is taken back when the mentor leaves or withdraws consent. Every change is
in the page's audit log.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from mentoring_wagtail.access.permissions import (
    get_page_local_group,
    make_responsible_for_page,
    remove_responsible_for_page,
)

from .eligibility import keeps_editing_right

GRANTED = "mentoring_portfolios.right_granted"
REVOKED = "mentoring_portfolios.right_revoked"


def mentor_holds_right(page):
    user_id = page.mentor.person.user_id
    group = get_page_local_group(page)
    return bool(user_id and group and group.user_set.filter(pk=user_id).exists())


def sync_mentor_right(page):
    """Give or take back the mentor's right on ``page``; return True if changed."""
    mentor = page.mentor
    user = mentor.person.user
    if user is None:
        return False
    holds = mentor_holds_right(page)
    if keeps_editing_right(mentor):
        if holds:
            return False
        make_responsible_for_page(user, page)
        log(page, GRANTED, data={"user": user.get_username()})
        return True
    if not holds:
        return False
    remove_responsible_for_page(user, page)
    log(page, REVOKED, data={"user": user.get_username()})
    return True


def take_back_from(user_id, page):
    """The right of a user who is no longer the page's mentor (another mentor
    chosen for the page, or the person linked to another site user)."""
    user = get_user_model().objects.filter(pk=user_id).first()
    group = get_page_local_group(page)
    if user is None or group is None or not group.user_set.filter(pk=user.pk).exists():
        return False
    remove_responsible_for_page(user, page)
    log(page, REVOKED, data={"user": user.get_username()})
    return True


def register_log_actions(actions):
    actions.register_action(
        GRANTED,
        _("Mentor's right on the portfolio granted"),
        _("Mentor's right granted"),
    )
    actions.register_action(
        REVOKED,
        _("Mentor's right on the portfolio taken back"),
        _("Mentor's right taken back"),
    )

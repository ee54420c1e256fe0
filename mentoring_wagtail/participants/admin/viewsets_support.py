"""Listing helpers shared by the viewsets and the participants' own views."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.ui.tables import Column

from mentoring_wagtail.documents.official import STATUS_IN_FORCE

from .. import models
from ..permissions import get_policy


def mentee_names(group):
    return (
        ", ".join(m.mentee.person.short_name for m in group.visible_memberships) or "—"
    )


def may_read_member_names(user):
    """Who is in a group, by name: for holders of a right on people or mentees
    (a role, a grant, a mentor's own); others (the methodologist) see counts."""
    cached = getattr(user, "_mentoring_reads_member_names", None)
    if cached is None:
        cached = any(
            get_policy(model).user_has_any_permission(user, ["view", "change"])
            for model in (models.Mentee, models.Person)
        )
        user._mentoring_reads_member_names = cached
    return cached


def member_count_label(count):
    return ngettext("%(count)s mentee", "%(count)s mentees", count) % {"count": count}


class MembersColumn(Column):
    """The mentees of a group: names for who may read them, else a count."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if request is None or not may_read_member_names(request.user):
            context["value"] = member_count_label(len(instance.visible_memberships))
        return context


def attendee_names(meeting):
    return ", ".join(p.short_name for p in meeting.visible_attendees) or "—"


def fixing_order_label(group):
    """The fixing order as the groups listing shows it: in force or a draft."""
    order = group.fixing_order
    if order is None:
        return "—"
    if order.live and order.get_status() == STATUS_IN_FORCE:
        return _("Order No. %(number)s of %(date)s, in force") % {
            "number": order.number,
            "date": date_format(order.date, "d.m.Y"),
        }
    if not order.live:
        return _("Draft order «%(title)s»") % {"title": order.title}
    return _("%(order)s, no longer in force") % {"order": order}

"""Listing helpers shared by the viewsets and the participants' own views."""

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentoring_wagtail.documents.official import STATUS_IN_FORCE

from .. import models
from ..models.people import only_visible


def visible_people_prefetch(lookup, to_attr):
    """Prefetch only visible people, so hidden ones never reach a cell."""
    Person = models.Person

    model = {"memberships": models.GroupMembership, "attendees": Person}[lookup]
    if model is Person:
        queryset = Person.objects.visible()
    else:
        queryset = only_visible(model.objects.all(), "mentee__person__").select_related(
            "mentee__person"
        )
    return Prefetch(lookup, queryset=queryset, to_attr=to_attr)


def mentee_names(group):
    return (
        ", ".join(m.mentee.person.short_name for m in group.visible_memberships) or "—"
    )


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

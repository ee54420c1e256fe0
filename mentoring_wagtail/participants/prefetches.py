"""Prefetches that bring only visible people, so hidden ones never reach a cell."""

from django.db.models import Prefetch

from . import models
from .models.people import only_visible


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

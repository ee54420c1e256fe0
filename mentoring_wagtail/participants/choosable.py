"""The people a user may pick in a form or a chooser: one rule for both.

Only visible people (no withdrawn consent, not erased) that the permission
policy lets the user see or change; a mentor sees their own.
"""

from .models import Person
from .models.people import only_visible
from .permissions import get_policy

ACTIONS = ("view", "change")


def choosable(queryset, user):
    """``queryset`` of people, mentors or mentees cut to what ``user`` may pick."""
    model = queryset.model
    queryset = only_visible(queryset, "" if model is Person else "person__")
    if user is not None:
        seen = get_policy(model).instances_user_has_any_permission_for(user, ACTIONS)
        queryset = queryset.filter(pk__in=seen.values("pk"))
    if model is not Person:
        queryset = queryset.select_related("person")
    return queryset

"""What an app keeps about staff users (a position, a phone), asked through a hook.

The core writes visas and executor marks on its papers; the position and phone
of a member of staff live in the optional participants app, which the core
never imports. An app answers the ``mentoring_staff_details`` hook:
``fn(users, field) -> {user id: value}`` for ``field`` in ``STAFF_FIELDS``.
"""

from wagtail import hooks

HOOK = "mentoring_staff_details"
STAFF_FIELDS = ("position", "phone")


def staff_details(users, field):
    """``{user id: value}`` of ``field`` for ``users``: the first app that knows."""
    if field not in STAFF_FIELDS:
        raise ValueError(field)
    users = [user for user in users if user is not None]
    found = {}
    if not users:
        return found
    for answer in hooks.get_hooks(HOOK):
        for user_id, value in answer(users, field).items():
            if value:
                found.setdefault(user_id, value)
    return found

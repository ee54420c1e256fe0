"""What ``mentoring_setup`` does for participants: the roles' permissions on
the bases and the built-in forms of mentoring.

The core's roles (``mentoring_wagtail.access.staff_roles``) know nothing of this app; it
adds its permissions to their groups through a step it appends to
``mentoring_setup`` (``register_setup_step``, called in ``AppConfig.ready``).
A mentor needs no model permission: their own groups come from the
permission policy (``permissions.OWN_SCOPES``).
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentoring_wagtail.access.role_grants import grant_role_permissions
from mentoring_wagtail.setup import steps as setup
from mentoring_wagtail.setup_result import SetupResult

from .builtin_forms import ensure_builtin_forms

APP = "mentoring_participants"

BASE_MODELS = (
    "person",
    "personaldataconsent",
    "mentor",
    "mentorcourse",
    "mentee",
    "mentoringform",
    "mentoringgroup",
    "groupmembership",
    "groupplantask",
    "meeting",
)


def perms(*actions, models=BASE_MODELS):
    return tuple(f"{APP}.{action}_{model}" for model in models for action in actions)


# Nobody deletes a person (erasure instead) or a group (dissolved instead).
ROLE_PERMISSIONS = {
    "curator": (
        *perms("add", "change", "view"),
        *perms(
            "delete",
            models=(
                "personaldataconsent",
                "mentorcourse",
                "groupmembership",
                "groupplantask",
                "meeting",
            ),
        ),
        f"{APP}.export_person",
    ),
    # Registers the order fixing the pairs: sees who is in which group.
    "secretary": (
        *perms("view", models=("person", "mentoringgroup", "groupmembership")),
        *perms("add", "change", "view", models=("personaldataconsent",)),
    ),
    "director": perms(
        "view", models=("person", "mentor", "mentoringgroup", "mentoringform")
    ),
    "methodologist": perms(
        "view", models=("mentoringgroup", "mentoringform", "groupplantask")
    ),
}


def ensure_participant_permissions():
    # Every group of the role: the plain one, or one per site.
    for _key, group, added in grant_role_permissions(ROLE_PERMISSIONS):
        if added:
            message = ngettext(
                "Group «%(name)s»: %(count)d participants permission added.",
                "Group «%(name)s»: %(count)d participants permissions added.",
                added,
            )
        else:
            message = _("Group «%(name)s»: participants permissions found.")
        yield SetupResult(bool(added), message % {"name": group.name, "count": added})


def ensure_forms_of_mentoring():
    created = ensure_builtin_forms()
    if created:
        message = _("%(count)s built-in forms of mentoring restored.")
    else:
        message = _("Built-in forms of mentoring found.")
    yield SetupResult(bool(created), message % {"count": created})


def register_setup_step():
    for step in (ensure_forms_of_mentoring, ensure_participant_permissions):
        if step not in setup.SETUP_STEPS:
            setup.SETUP_STEPS.append(step)

"""The participants' permissions of the programme's roles, added from this app.

The core's roles (``mentoring_wagtail.access.staff_roles``) know nothing of this app; it
adds its permissions to their groups through a step it appends to
``mentoring_setup`` (``register_setup_step``, called in ``AppConfig.ready``).
A mentor needs no model permission: their own groups come from the
permission policy (``permissions.OWN_SCOPES``).
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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

    from mentoring_wagtail.access.site_roles import each_role_group
    from mentoring_wagtail.setup.steps import SetupResult, get_permission

    # Every group of the role: the plain one, or one per site.
    for key, group in each_role_group(ROLE_PERMISSIONS):
        labels = ROLE_PERMISSIONS[key]
        name = group.name
        have = set(group.permissions.values_list("pk", flat=True))
        missing = [p for p in map(get_permission, labels) if p.pk not in have]
        group.permissions.add(*missing)
        if missing:
            message = ngettext(
                "Group «%(name)s»: %(count)d participants permission added.",
                "Group «%(name)s»: %(count)d participants permissions added.",
                len(missing),
            )
        else:
            message = _("Group «%(name)s»: participants permissions found.")
        yield SetupResult(
            bool(missing), message % {"name": name, "count": len(missing)}
        )


def ensure_forms_of_mentoring():
    from mentoring_wagtail.setup_result import SetupResult

    from .builtin_forms import ensure_builtin_forms

    created = ensure_builtin_forms()
    if created:
        message = _("%(count)s built-in forms of mentoring restored.")
    else:
        message = _("Built-in forms of mentoring found.")
    yield SetupResult(bool(created), message % {"count": created})


def register_setup_step():
    from mentoring_wagtail.setup import steps as setup

    for step in (ensure_forms_of_mentoring, ensure_participant_permissions):
        if step not in setup.SETUP_STEPS:
            setup.SETUP_STEPS.append(step)

"""Monitoring permissions of the programme's roles, added by a setup step."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

APP = "mentoring_monitoring"

ROLE_PERMISSIONS = {
    "curator": (
        f"{APP}.add_monitoringyear",
        f"{APP}.change_monitoringyear",
        f"{APP}.view_monitoringyear",
        f"{APP}.add_responsetoken",
        f"{APP}.view_responsetoken",
        f"{APP}.view_questionnaireanswer",
    ),
    "director": (f"{APP}.view_monitoringyear", f"{APP}.view_questionnaireanswer"),
    "methodologist": (f"{APP}.view_monitoringyear", f"{APP}.view_questionnaireanswer"),
}


def ensure_monitoring_permissions():

    from mentoring_wagtail.access.setup import SetupResult, get_permission
    from mentoring_wagtail.access.site_roles import each_role_group

    # Every group of the role: the plain one, or one per site.
    for key, group in each_role_group(ROLE_PERMISSIONS):
        labels = ROLE_PERMISSIONS[key]
        name = group.name
        have = set(group.permissions.values_list("pk", flat=True))
        missing = [p for p in map(get_permission, labels) if p.pk not in have]
        group.permissions.add(*missing)
        if missing:
            message = ngettext(
                "Group «%(name)s»: %(count)d monitoring permission added.",
                "Group «%(name)s»: %(count)d monitoring permissions added.",
                len(missing),
            )
        else:
            message = _("Group «%(name)s»: monitoring permissions found.")
        yield SetupResult(
            bool(missing), message % {"name": name, "count": len(missing)}
        )


def register_setup_step():
    from mentoring_wagtail.access import setup

    if ensure_monitoring_permissions not in setup.SETUP_STEPS:
        setup.SETUP_STEPS.append(ensure_monitoring_permissions)

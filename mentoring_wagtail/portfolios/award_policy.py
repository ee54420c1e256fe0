"""Awards under the core's permission policy (registered in ``ready()``)."""

from django.apps import apps
from wagtail.permissions import policy_registry, register_permission_policy

from mentoring_wagtail.access.permissions import GuardianPermissionPolicy

from .models import Award


def register_award_policy():
    """Awards name a mentor: the core's policy confines them to the mentor's
    school like every other record of the programme."""
    if apps.is_installed("guardian") and not policy_registry.get_by_type(
        Award, fallback=False
    ):
        register_permission_policy(Award, GuardianPermissionPolicy(Award))

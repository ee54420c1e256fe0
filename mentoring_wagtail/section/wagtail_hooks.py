"""The section's admin registrations, imported by the app's ``wagtail_hooks``."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .menu import MentoringViewSetGroup

# Registered as a snippet group (not through ``register_admin_viewset``) so
# the snippet models are known when ``migrate`` runs: Wagtail creates their
# publish/lock/unlock permissions in post_migrate for registered snippets only.
if MentoringViewSetGroup.items:
    register_snippet(MentoringViewSetGroup)


@hooks.register("before_serve_page")
def store_low_vision_choice(page, request, serve_args, serve_kwargs):
    from .low_vision import switch_response
    from .models import MentoringPageMixin

    if isinstance(page, MentoringPageMixin):
        return switch_response(request)
    return None

"""Registration only: each feature registers its hooks in its own module."""

from wagtail.snippets.models import register_snippet

from .documents.admin.views import DOCUMENT_VIEWSETS
from .section.admin.menu import MentoringViewSetGroup

# Each feature registers its own hooks. Hooks of one kind run in the order
# they were registered, so the features are imported in this order.
# isort: off
from .section import wagtail_hooks as section_hooks  # noqa: F401
from .documents import wagtail_hooks as documents_hooks  # noqa: F401
from .roadmaps import wagtail_hooks as roadmaps_hooks  # noqa: F401
from .approvals import wagtail_hooks as approvals_hooks  # noqa: F401
from .access import wagtail_hooks as access_hooks  # noqa: F401
from .public import wagtail_hooks as public_hooks  # noqa: F401
from .lockouts import wagtail_hooks as lockouts_hooks  # noqa: F401
from .signatures import wagtail_hooks as signatures_hooks  # noqa: F401
from .background import wagtail_hooks as background_hooks  # noqa: F401

# isort: on


# The one «Наставничество» menu holds the features' viewsets (the section
# declares it and names no feature). Registered as a snippet group (not
# through ``register_admin_viewset``) so the snippet models are known when
# ``migrate`` runs: Wagtail creates their publish/lock/unlock permissions in
# post_migrate for registered snippets only.
class MentoringMenu(MentoringViewSetGroup):
    items = (*DOCUMENT_VIEWSETS,)


register_snippet(MentoringMenu)

"""Registration only: each feature registers its hooks in its own module."""

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

# isort: on

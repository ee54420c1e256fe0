"""The example site's settings with the benchmark's URLconf (scripts/cluster
starts the stack with it when ``MENTORING_CLUSTER_SETTINGS`` names this module;
``MENTORING_PAGE_CACHE=1`` switches the fast path on in the site's own settings)."""

from example_site.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.page_cache_site.urls"

"""The rows Wagtail's migrations create, for tests that run after a flush.

A transactional test (live server, demo loader) ends with a flush of every
table: the root page, the default site, the root collection and the default
locale are gone for the transactional tests that follow, while content types
and permissions come back through post_migrate.
"""

from django.conf import settings
from django.utils.translation import get_supported_language_variant


def ensure_wagtail_base():
    from wagtail.models import Collection, Locale, Page, Site

    Locale.objects.get_or_create(
        language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
    )
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    if not Site.objects.exists():
        home = root.add_child(instance=Page(title="Главная", slug="home"))
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )

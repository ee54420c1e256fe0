"""Purge the pages that show a record when it is published, withdrawn or revoked.

Wagtail's front-end cache app (``wagtail.contrib.frontend_cache``) purges a
page when the page itself is published or unpublished. An official document is
a snippet shown on several pages — its own page in the registry, the registry
listing, the section, and the roadmaps that cite it — and a page of the section
appears in the section's list, so those URLs are purged here through the same
mechanism (:class:`~wagtail.contrib.frontend_cache.utils.PurgeBatch`, sent to
the backends of ``WAGTAILFRONTENDCACHE``). With no front-end cache configured
nothing is done and nothing of that app is imported: the core does not need it.

The URLs are gathered while the change's transaction runs and purged by a
background job after it commits (:mod:`.purge_job`): never in the request,
retried on failure, once per change. Every published or unpublished page is
purged here, so Wagtail's own handlers (``wagtail.contrib.frontend_cache``
installed) are disconnected: they would purge the page a second time, in a
task nobody retries.
"""

from django.apps import apps
from django.conf import settings
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, published, unpublished

from ..documents.official import AbstractOfficialDocument
from ..documents.registry import DocumentRegistryPage
from ..documents.signals import document_revoked
from ..section.models import MentoringPageMixin
from .purge_job import queue_purge

WAGTAIL_APP = "wagtail.contrib.frontend_cache"


def frontend_cache_enabled():
    """Whether the site configured a front-end cache to purge."""
    return bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
        or getattr(settings, "WAGTAILFRONTENDCACHE_LOCATION", None)
    )


def registry_pages(site):
    return DocumentRegistryPage.objects.live().descendant_of(
        site.root_page, inclusive=True
    )


def citing_pages(obj):
    """Live pages whose content refers to ``obj`` (Wagtail's reference index)."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.live().filter(pk__in=[int(pk) for pk in ids]))


def document_urls(document):
    """Full URLs of every public page that shows ``document``."""
    # deferred: the front-end cache app is optional, imported only when configured
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    for registry in registry_pages(document.site):
        batch.add_page(registry)
        root = registry.get_full_url()
        if root:
            batch.add_url(
                root
                + registry.reverse_subpage(
                    "document",
                    kwargs={"doc_type": document.registry_type, "pk": document.pk},
                ).lstrip("/")
            )
        section = registry.get_mentoring_section()
        if section is not None:
            batch.add_page(section)
    batch.add_pages(citing_pages(document))
    return batch


def section_urls(page):
    """``page`` and, for a page of the section, the pages listing it: its
    parent when that is a page of the section too (a portfolio's «Наши
    наставники», whose listing a withdrawn consent changes) and the section."""
    # deferred: the front-end cache app is optional, imported only when configured
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_page(page)
    specific = page.specific_deferred
    if not isinstance(specific, MentoringPageMixin):
        return batch
    parent = page.get_parent()
    if parent is not None and isinstance(parent.specific_deferred, MentoringPageMixin):
        batch.add_page(parent)
    section = specific.get_mentoring_section()
    if section is not None and section.pk != page.pk:
        batch.add_page(section)
    return batch


def purge_document(document):
    """Purge, once the transaction commits, every page showing ``document``."""
    if frontend_cache_enabled():
        queue_purge(document_urls(document).urls)


def document_changed(sender, instance, **kwargs):
    """``published``, ``unpublished``, ``document_revoked`` of a record."""
    if isinstance(instance, AbstractOfficialDocument):
        purge_document(instance)


def page_changed(sender, instance, **kwargs):
    """``page_published`` / ``page_unpublished`` of any page."""
    if frontend_cache_enabled():
        queue_purge(section_urls(instance).urls)


def disconnect_wagtail_handlers():
    """Wagtail's app purges a published page in its own task; the page is
    purged here with the rest of the change, once. Its ``ready`` must have
    run before the package's: a system check (W020) says if it comes later in
    ``INSTALLED_APPS``."""
    if not apps.is_installed(WAGTAIL_APP):
        return
    # deferred: the front-end cache app is optional, imported only when installed
    from wagtail.contrib.frontend_cache import signal_handlers

    for model in apps.get_models():
        if issubclass(model, Page):
            page_published.disconnect(
                signal_handlers.page_published_signal_handler, sender=model
            )
            page_unpublished.disconnect(
                signal_handlers.page_unpublished_signal_handler, sender=model
            )


def connect_signals():
    disconnect_wagtail_handlers()
    for signal in (published, unpublished):
        signal.connect(document_changed, dispatch_uid=f"mentoring-purge-{id(signal)}")
    for signal in (page_published, page_unpublished):
        signal.connect(page_changed, dispatch_uid=f"mentoring-purge-{id(signal)}")
    document_revoked.connect(document_changed, dispatch_uid="mentoring-purge-revoked")

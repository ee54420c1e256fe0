"""Words that must never reach an anonymous visitor.

The crawler test (and any site's own check) asks every app what it keeps out
of public view: each ``mentoring_wagtail_nonpublic_names`` hook takes a site
and returns strings — names of people without publication consent, titles of
unpublished records. The core contributes the unpublished official documents;
an app with personal data (participants, portfolios) registers its own hook.
"""

from wagtail import hooks
from wagtail.documents import get_document_model

from ..documents.registry import registry_models

NONPUBLIC_NAMES_HOOK = "mentoring_wagtail_nonpublic_names"


def nonpublic_names(site):
    """Every string some app says must not appear on ``site``'s public pages."""
    names = set()
    for hook in hooks.get_hooks(NONPUBLIC_NAMES_HOOK):
        names.update(name.strip() for name in hook(site) if name and name.strip())
    return sorted(names)


def unpublished_document_names(site):
    """Titles and file names of the site's official records that are not live."""
    for model in registry_models().values():
        for record in model._default_manager.filter(site=site, live=False):
            yield record.title
            for attached in attachments(record):
                yield attached.title
                yield attached.filename


def attachments(record):
    """The Wagtail documents a record's fields point to (scan, draft, file…)."""
    document_model = get_document_model()
    for field in record._meta.concrete_fields:
        if field.many_to_one and field.related_model is document_model:
            attached = getattr(record, field.name)
            if attached is not None:
                yield attached

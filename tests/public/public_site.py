"""What a site shows the public, found from the models (tests only).

New public page types (portfolios, practices, indicators…) are covered as soon
as their apps are installed: nothing here names them.
"""

from wagtail.models import CollectionViewRestriction, Page

from mentoring_wagtail.section.models import MentoringPageMixin


def public_pages(site):
    """Live, unrestricted pages of ``site``, specific."""
    return list(
        Page.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .specific()
    )


def public_section_pages(site):
    """The section's pages a visitor reads (questionnaires need a personal link)."""
    return [
        page
        for page in public_pages(site)
        if isinstance(page, MentoringPageMixin)
        and not getattr(page, "answered_through_personal_links", False)
    ]


def section_page_types():
    """Every concrete page model of the section, whichever app defines it."""
    from wagtail.models import get_page_models

    return [
        model
        for model in get_page_models()
        if issubclass(model, MentoringPageMixin)
        and not model._meta.abstract
        and not getattr(model, "answered_through_personal_links", False)
    ]


def public_record_paths(site):
    """Each published official record's page in each registry of the site."""
    from mentoring_wagtail.documents.registry import (
        DocumentRegistryPage,
        private_collection_ids,
        public_queryset,
        registry_models,
    )

    private_ids = private_collection_ids()
    paths = []
    for registry in DocumentRegistryPage.objects.live().descendant_of(site.root_page):
        for model in registry_models().values():
            for record in public_queryset(model, site, private_ids):
                paths.append(registry.document_url(record))
    return paths


def restricted_collection_ids():
    from wagtail.models import Collection

    ids = set()
    for restriction in CollectionViewRestriction.objects.select_related("collection"):
        ids.update(
            Collection.objects.filter(
                path__startswith=restriction.collection.path
            ).values_list("pk", flat=True)
        )
    return ids


def files_kept_inside():
    """Wagtail documents no anonymous visitor may download, by the domain rules.

    Files of unpublished records, a record's attachments other than its main
    file (a Word draft), and files in a collection with a view restriction.
    """
    from django.apps import apps
    from wagtail.documents import get_document_model

    document_model = get_document_model()
    restricted = restricted_collection_ids()
    kept = set(document_model.objects.filter(collection_id__in=restricted))
    for model in apps.get_app_config("mentoring_wagtail").get_models():
        primary = getattr(model, "primary_file_field", None)
        for field in model._meta.concrete_fields:
            if not (field.many_to_one and field.related_model is document_model):
                continue
            records = model._default_manager.exclude(**{f"{field.name}__isnull": True})
            for record in records.select_related(field.name):
                if field.name != primary or not getattr(record, "live", True):
                    kept.add(getattr(record, field.name))
    return kept

"""Every public page type of the package, with a sample of each.

Page types are found, not listed: every page model of the ``mentoring_wagtail``
app or a ``mentoring_wagtail.*`` app, plus each document type of the registry.
An app adding a public page type registers how to build a sample with
``@public_page_factory(Model)`` in a module ``tests/<app>/public_samples.py``
(imported here automatically); a type without one fails the tests that use
``public_targets()`` instead of passing unnoticed.
"""

import datetime
import importlib
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.models import Site, get_page_models

from mentoring_wagtail.documents.registry import registry_models
from mentoring_wagtail.models import (
    DocumentRegistryPage,
    MentoringIndexPage,
    RoadmapPage,
)
from tests.documents_support import make_document, publish_obj

FACTORIES = {}


def public_page_factory(model):
    """Register ``factory(section) -> (live page, text the visitor must see)``."""

    def register(factory):
        FACTORIES[model] = factory
        return factory

    return register


def is_package_model(model):
    name = model._meta.app_config.name
    return name == "mentoring_wagtail" or name.startswith("mentoring_wagtail.")


def public_page_models():
    return [model for model in get_page_models() if is_package_model(model)]


def public_targets():
    """``[(kind, key)]``: ("page", "app_label.Model") and ("document", type)."""
    return [("page", model._meta.label) for model in public_page_models()] + [
        ("document", key) for key in registry_models()
    ]


def target_id(target):
    return f"{target[0]}:{target[1]}"


def make_section():
    site = Site.objects.get(is_default_site=True)
    existing = MentoringIndexPage.objects.filter(slug="mentoring").first()
    if existing:
        return existing
    return site.root_page.add_child(
        instance=MentoringIndexPage(
            title="Наставничество",
            slug="mentoring",
            intro="<p>Целевая модель наставничества в школе.</p>",
        )
    )


def discover_factories():
    """Import every ``tests/<app>/public_samples.py`` so its factories register."""
    tests_dir = Path(__file__).resolve().parents[1]
    for module in sorted(tests_dir.glob("*/public_samples.py")):
        importlib.import_module(f"tests.{module.parent.name}.public_samples")


def build(target):
    """Make a published sample of ``target``: ``(url path, expected text)``."""
    kind, key = target
    section = make_section()
    if kind == "document":
        if key not in DOCUMENT_FACTORIES:
            pytest.fail(
                f"The registry's document type {key!r} has no sample factory in "
                "tests/section/public_pages.py (DOCUMENT_FACTORIES)."
            )
        registry = FACTORIES[DocumentRegistryPage](section)[0]
        document = DOCUMENT_FACTORIES[key](registry.get_site())
        return registry.document_url(document), document.title
    model = next(m for m in public_page_models() if m._meta.label == key)
    if model not in FACTORIES:
        discover_factories()
    if model not in FACTORIES:
        pytest.fail(
            f"The public page type {key} has no sample factory: register one with "
            "@public_page_factory in tests/<app>/public_samples.py so its layout, "
            "accessibility and phone checks run."
        )
    page, text = FACTORIES[model](section)
    return page.url, text


@public_page_factory(MentoringIndexPage)
def section_sample(section):
    FACTORIES[DocumentRegistryPage](section)
    return section, "Документы"


@public_page_factory(DocumentRegistryPage)
def registry_sample(section):
    registry = DocumentRegistryPage.objects.child_of(section).first()
    if registry is None:
        registry = section.add_child(
            instance=DocumentRegistryPage(title="Документы", slug="documents")
        )
        site = registry.get_site()
        for factory in DOCUMENT_FACTORIES.values():
            factory(site)
    return registry, "О реализации целевой модели наставничества"


@public_page_factory(RoadmapPage)
def roadmap_sample(section):
    from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
    from mentoring_wagtail.roadmaps.word_reader import read_roadmap
    from tests import roadmap_docx

    page = create_roadmap_page(
        section, read_roadmap(roadmap_docx.omutninsk_layout()), publish=True
    )
    return page, page.title


TODAY = timezone.localdate()


def _order(site):
    from mentoring_wagtail.documents.orders import Order

    existing = Order.objects.filter(site=site).first()
    if existing:
        return existing
    order = Order(
        site=site,
        title="О реализации целевой модели наставничества",
        date=TODAY - datetime.timedelta(days=30),
        kind="implementation",
        summary="О внедрении наставничества в школе",
        signed_scan=make_document("Приказ, скан"),
    )
    order.save()
    return publish_obj(order)


def _edition(model, title):
    def factory(site):
        existing = model.objects.filter(site=site).first()
        if existing:
            return existing
        document = model(
            site=site,
            title=title,
            date=TODAY - datetime.timedelta(days=10),
            summary=f"{title}: утверждено приказом директора",
        )
        document.save()
        return publish_obj(document)

    return factory


def _programme_document(site):
    from mentoring_wagtail.documents.editions import ProgrammeDocument

    existing = ProgrammeDocument.objects.filter(site=site, live=True).first()
    if existing:
        return existing
    document = ProgrammeDocument(
        site=site,
        title="Протокол заседания методического совета",
        date=TODAY - datetime.timedelta(days=5),
        kind=ProgrammeDocument._meta.get_field("kind").choices[0][0],
    )
    document.save()
    return publish_obj(document)


def _document_factories():
    from mentoring_wagtail.documents.editions import MentoringProgramme, Regulation

    by_model = {
        "Order": _order,
        "Regulation": _edition(Regulation, "Положение о наставничестве"),
        "MentoringProgramme": _edition(MentoringProgramme, "Программа наставничества"),
        "ProgrammeDocument": _programme_document,
    }
    return {
        key: by_model[model.__name__]
        for key, model in registry_models().items()
        if model.__name__ in by_model
    }


DOCUMENT_FACTORIES = _document_factories()

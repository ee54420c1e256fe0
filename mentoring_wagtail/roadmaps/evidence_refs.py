"""Evidence of an activity as stable references, and back.

In the StreamField an evidence item is ``{"type": "order", "value": <pk>}``;
a primary key means nothing in another database, so exports name what they
cite: registry documents by kind, number and date (the registration journal
makes these unique per site and year), Wagtail documents by title and file
name, pages by their URL path. Each reference also carries ``title`` and
``url`` for people reading the export. One query per kind, whatever the count.
"""

import datetime

from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from ..documents.editions import MentoringProgramme, Regulation
from ..documents.orders import Order
from ..documents.registry import DocumentRegistryPage
from ..section.base_page import BasePage

OFFICIAL_KINDS = ("order", "regulation", "programme")


def _registry_models():
    return {"order": Order, "regulation": Regulation, "programme": MentoringProgramme}


def official_ref(kind, document, registry_page=None):
    url = ""
    if registry_page is not None and document.live:
        url = registry_page.full_url + registry_page.reverse_subpage(
            "document", kwargs={"doc_type": document.registry_type, "pk": document.pk}
        )
    return {
        "type": kind,
        "number": document.number,
        "date": document.date.isoformat(),
        "title": str(document),
        "url": url,
    }


def refs_for(evidence_lists, root_url=""):
    """Stable references of each raw evidence list, in the same order;
    ``root_url`` (the site's) makes document addresses absolute."""
    registry = _registry_models()
    ids = {kind: set() for kind in ("document", "page", *registry)}
    for items in evidence_lists:
        for item in items or ():
            if item.get("type") in ids and isinstance(item.get("value"), int):
                ids[item["type"]].add(item["value"])
    found = {}
    if ids["document"]:
        for doc in get_document_model().objects.filter(pk__in=ids["document"]):
            found["document", doc.pk] = {
                "type": "document",
                "title": doc.title,
                "file": doc.file.name,
                "url": (root_url + doc.url) if doc.url.startswith("/") else doc.url,
            }
    if ids["page"]:
        for page in BasePage.objects.filter(pk__in=ids["page"]):
            found["page", page.pk] = {
                "type": "page",
                "url_path": page.url_path,
                "title": page.title,
                "url": page.full_url or "",
            }
    registry_page = None
    if any(ids[kind] for kind in registry):
        registry_page = DocumentRegistryPage.objects.live().order_by("path").first()
    for kind, model in registry.items():
        if ids[kind]:
            for doc in model.objects.filter(pk__in=ids[kind]):
                found[kind, doc.pk] = official_ref(kind, doc, registry_page)
    return [
        [
            found[item["type"], item["value"]]
            for item in items or ()
            if (item.get("type"), item.get("value")) in found
        ]
        for items in evidence_lists
    ]


def resolve_refs(refs, site=None):
    """``(stream items, problems)``: the raw StreamField evidence of ``refs``;
    a reference that names nothing here is listed in ``problems``, not kept."""
    items, problems = [], []
    for ref in refs or ():
        kind = ref.get("type") if isinstance(ref, dict) else None
        target = None
        if kind in OFFICIAL_KINDS:
            model = _registry_models()[kind]
            try:
                day = datetime.date.fromisoformat(str(ref.get("date")))
            except ValueError:
                day = None
            if day is not None:
                queryset = model.objects.filter(
                    number=ref.get("number") or "", date=day
                )
                if site is not None:
                    queryset = queryset.filter(site=site)
                target = queryset.first()
        elif kind == "document":
            target = (
                get_document_model()
                .objects.filter(title=ref.get("title"), file=ref.get("file"))
                .first()
            )
        elif kind == "page":
            target = BasePage.objects.filter(url_path=ref.get("url_path")).first()
        if target is None:
            problems.append(
                _("Evidence «%(title)s» was not found here; not linked.")
                % {"title": str(ref.get("title") if isinstance(ref, dict) else ref)}
            )
            continue
        items.append({"type": kind, "value": target.pk})
    return items, problems

"""The public registry of official documents (реестр документов).

Visitors see only published records of the page's site whose main file is not
in a private collection. Listing a page of the registry costs the same number
of queries whatever the number of documents: each table gives its newest rows
up to the end of the page (an index range scan), they are merged by date, and
each table is read once more for the records of that page.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Collection, CollectionViewRestriction, Site
from wagtail.search import index

from ..access.site_scope import IN_PAGE_TREE
from ..section.base_page import BasePage
from ..section.models import MentoringPageMixin
from .editions import MentoringProgramme, ProgrammeDocument, Regulation
from .listing_columns import with_listing_columns
from .official import _today
from .orders import Order
from .registry_cache import cached_listing
from .search import search_documents

# The pages the floors above add to the registry page (the signatures: the
# pages checking a signature), as a Wagtail hook. What they add to each record
# (the signature mark) comes in the listing's own query (``listing_columns``).
ROUTES_HOOK = "mentoring_wagtail_registry_routes"


def registry_models():
    """``{registry type: model}`` in the order the registry shows them."""
    return {
        model.registry_type: model
        for model in (Order, Regulation, MentoringProgramme, ProgrammeDocument)
    }


def private_collection_ids():
    """Ids of collections with a view restriction, and of collections inside."""
    paths = list(
        CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    )
    if not paths:
        return []
    query = models.Q()
    for collection_path in paths:
        query |= models.Q(path__startswith=collection_path)
    return list(Collection.objects.filter(query).values_list("pk", flat=True))


def annotate_status(model, queryset, today=None):
    """Add what ``get_status`` needs, so listing a page costs no extra query."""
    if hasattr(model, "superseding_editions"):
        newer = model.superseding_editions(today or _today()).filter(
            supersedes=OuterRef("pk")
        )
        queryset = queryset.annotate(is_superseded=Exists(newer))
    return queryset


def public_queryset(model, site, private_ids=None):
    """Live records of ``site`` whose main file is not in a private collection.

    Privacy is an ``id`` filter (an indexed field) so that search results can
    be filtered by it too.
    """
    queryset = model._default_manager.filter(site=site, live=True)
    if private_ids:
        private = model._default_manager.filter(
            **{f"{model.primary_file_field}__collection_id__in": private_ids}
        )
        queryset = queryset.exclude(id__in=private.values("id"))
    return queryset


def with_related(model, queryset):
    related = [model.primary_file_field, "revoked_by"]
    if hasattr(model, "approved_by_order"):
        related.append("approved_by_order")
    return annotate_status(model, queryset.select_related(*related))


# A search shows at most this many of the newest matches of each type.
SEARCH_LIMIT = 200


class RegistryQuery:
    """The documents one request of the registry asks for."""

    def __init__(self, site, doc_type="", kind="", year=None, text=""):
        self.site = site
        self.doc_type = doc_type
        self.kind = kind
        self.year = year
        self.text = text.strip()

    @cached_property
    def private_ids(self):
        return private_collection_ids()

    @cached_property
    def models(self):
        all_models = registry_models()
        if self.doc_type in all_models:
            chosen = {self.doc_type: all_models[self.doc_type]}
        else:
            chosen = all_models
        if self.kind:
            chosen = {
                key: model
                for key, model in chosen.items()
                if self.kind in dict(_kinds(model))
            }
        return chosen

    def filtered(self, model):
        """Public records of the site matching the filters."""
        queryset = public_queryset(model, self.site, self.private_ids)
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.year:
            queryset = queryset.filter(year=self.year)
        return queryset

    def entries(self):
        """A sliceable, countable sequence of ``(type, pk, date)``, newest first."""
        sources = []
        for key, model in self.models.items():
            queryset = self.filtered(model)
            if self.text:
                # The newest matches only, as (id, date): no count of every
                # match and at most SEARCH_LIMIT light rows read back.
                results = search_documents(queryset.only("id", "date"), self.text)
                results = results[:SEARCH_LIMIT]
                sources.append((key, [(obj.pk, obj.date) for obj in results]))
            else:
                sources.append(
                    (key, queryset.order_by("-date", "-id").values_list("pk", "date"))
                )
        return MergedEntries(sources)

    def years(self):
        """Years from the oldest to the newest published record, newest first.

        One query of «first/last year» subqueries, each an index lookup with
        ``LIMIT 1``, rather than a ``DISTINCT`` over every row.
        """
        bounds = {}
        for key, model in registry_models().items():
            published = model._default_manager.filter(site=OuterRef("pk"), live=True)
            for name, order in (("first", "year"), ("last", "-year")):
                bounds[f"{key}_{name}"] = Subquery(
                    published.order_by(order).values("year")[:1]
                )
        row = Site.objects.filter(pk=self.site.pk).values(**bounds).first() or {}
        firsts = [v for k, v in row.items() if k.endswith("_first") and v]
        lasts = [v for k, v in row.items() if k.endswith("_last") and v]
        if not firsts:
            return []
        return list(range(max(lasts), min(firsts) - 1, -1))


class MergedEntries:
    """Several date-ordered sources read as one list, newest first.

    Showing entries ``a:b`` reads at most ``b`` rows of each source (an index
    range scan), so the first pages cost the same whatever the table sizes.
    Sources are querysets or lists of ``(pk, date)``.
    """

    def __init__(self, sources):
        self.sources = sources

    @cached_property
    def _count(self):
        return sum(
            len(source) if isinstance(source, list) else source.count()
            for _key, source in self.sources
        )

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop
        if stop is None:
            stop = len(self)
        merged = []
        for key, source in self.sources:
            merged.extend((key, pk, date) for pk, date in source[:stop])
        merged.sort(key=lambda entry: (entry[2], entry[1]), reverse=True)
        return merged[start:stop]


def _kinds(model):
    try:
        return model._meta.get_field("kind").choices or ()
    except Exception:  # noqa: BLE001 - a model without «kind»
        return ()


def load_entries(entries):
    """The documents behind ``(type, pk, …)`` entries, in the same order."""
    by_type = {}
    for entry in entries:
        by_type.setdefault(entry[0], []).append(entry[1])
    loaded = {}
    for key, pks in by_type.items():
        model = registry_models()[key]
        queryset = with_related(model, model._default_manager.filter(pk__in=pks))
        for obj in with_listing_columns(model, queryset):
            loaded[(key, obj.pk)] = obj
    return [loaded[(e[0], e[1])] for e in entries if (e[0], e[1]) in loaded]


class DocumentRegistryPageMixin(RoutablePageMixin, MentoringPageMixin, models.Model):
    """Routes and listing of the registry; mix into your own base page if needed."""

    intro = RichTextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("documents per page"), default=20)

    template = "mentoring_wagtail/documents/document_registry_page.html"

    class Meta:
        abstract = True

    @classmethod
    def get_subpage_urls(cls):
        # The page's own routes first, then those of the ``ROUTES_HOOK`` hooks.
        routes = list(super().get_subpage_urls())
        for extra_routes in hooks.get_hooks(ROUTES_HOOK):
            routes.extend(extra_routes())
        return tuple(routes)

    def get_registry_site(self):
        return self.get_site()

    @path("")
    def registry_index(self, request):
        return cached_listing(self, request, lambda: self.render_listing(request))

    def render_listing(self, request):
        site = self.get_registry_site()
        try:
            year = int(request.GET.get("year") or 0) or None
        except ValueError:
            year = None
        query = RegistryQuery(
            site,
            doc_type=request.GET.get("type", ""),
            kind=request.GET.get("kind", ""),
            year=year,
            text=request.GET.get("q", "")[:200],
        )
        paginator = Paginator(query.entries(), self.per_page or 20)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        documents = load_entries(list(page.object_list))
        base_url = self.get_url(request)
        for document in documents:
            document.registry_url = base_url + self.reverse_subpage(
                "document",
                kwargs={"doc_type": document.registry_type, "pk": document.pk},
            )
        filters = request.GET.copy()
        filters.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "documents": documents,
                "filter_query": filters.urlencode() + "&" if filters else "",
                "search_limit": SEARCH_LIMIT,
                "page_obj": page,
                "registry_query": query,
                "years": query.years(),
                "doc_types": [
                    (key, model._meta.verbose_name_plural)
                    for key, model in registry_models().items()
                ],
                "kinds": _all_kinds(),
            },
        )

    @path("<slug:doc_type>/<int:pk>/", name="document")
    def document_detail(self, request, doc_type, pk):
        return cached_listing(
            self, request, lambda: self.render_document(request, doc_type, pk)
        )

    def render_document(self, request, doc_type, pk):
        model = registry_models().get(doc_type)
        if model is None:
            raise Http404
        site = self.get_registry_site()
        queryset = with_related(
            model, public_queryset(model, site, private_collection_ids())
        )
        document = with_listing_columns(model, queryset.filter(pk=pk)).first()
        if document is None:
            raise Http404
        return self.render(
            request,
            template="mentoring_wagtail/documents/document_detail.html",
            context_overrides={
                "document": document,
                "approved": _public_approved(document),
                "canonical_url": self.get_full_url(request)
                + self.reverse_subpage(
                    "document", kwargs={"doc_type": doc_type, "pk": document.pk}
                ),
            },
        )

    def document_url(self, document):
        return self.url + self.reverse_subpage(
            "document", kwargs={"doc_type": document.registry_type, "pk": document.pk}
        )


def _all_kinds():
    seen = {}
    for model in registry_models().values():
        for value, label in _kinds(model):
            seen.setdefault(value, label)
    return list(seen.items())


def _public_approved(document):
    """What a published order approves, as visitors may see it."""
    if not isinstance(document, Order):
        return []
    private_ids = None
    visible = []
    for obj in document.get_approved_objects():
        if getattr(obj, "live", True) is False:
            continue
        if hasattr(obj, "get_view_restrictions") and obj.get_view_restrictions():
            continue  # a page behind a password or login
        if getattr(obj, "registry_type", ""):
            if private_ids is None:
                private_ids = private_collection_ids()
            attached = obj.primary_file
            if attached is not None and attached.collection_id in private_ids:
                continue
        visible.append(obj)
    return visible


class DocumentRegistryPage(DocumentRegistryPageMixin, BasePage):  # noqa: DJ008
    template = DocumentRegistryPageMixin.template
    content_panels = BasePage.content_panels + ["intro", "per_page"]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["mentoring_wagtail.MentoringIndexPage"]
    subpage_types = []
    # Kept once published (section.official_pages).
    official_document = True

    mentoring_site_path = IN_PAGE_TREE

    class Meta:
        verbose_name = _("document registry")
        verbose_name_plural = _("document registries")

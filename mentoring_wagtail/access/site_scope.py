"""Which school (Wagtail ``Site``) a record belongs to.

One installation may serve several schools; a per-site role covers its
school's records only (``permissions.GuardianPermissionPolicy``). Every model
of the package and of its apps says where its school is, in a class
attribute the policy and the views follow:

- ``mentoring_site_path = "site"``: a foreign key to ``wagtailcore.Site``;
- ``"person__site"``, ``"group__site"``, ``"mentor__person__site"``: a chain
  of foreign keys ending at a ``Site``;
- ``"page"``, ``"questionnaire"``: a chain ending at a page; the school is
  the site whose root the page stands under;
- ``IN_PAGE_TREE``: the model is itself a page, placed by the tree;
- ``ThroughObject()``: a generic reference (``content_type`` and
  ``object_id``), the school of the object referred to;
- ``None``: global by nature (a shared vocabulary, configuration without
  anyone's data); the model says why in a comment.

A model without the attribute is a mistake a test catches
(``tests/access/test_site_scope.py``), so a model added later without a
school cannot slip through open on every school.

Everything loading an object by id outside a viewset (export, erase, the
fixing-order screen, personal links…) asks the policy, which resolves the
school here: one rule for listings and for single objects.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.models import Page, Site
from wagtail.permissions import policy_registry

from .lookups import get_by_pk_or_404

IN_PAGE_TREE = "<page tree>"
ATTRIBUTE = "mentoring_site_path"
_CACHE_ATTRIBUTE = "_mentoring_site_id"
_MISSING = object()


class ThroughObject:
    """The school of the object a generic reference points to."""

    def __init__(self, ct_field="content_type", id_field="object_id"):
        self.ct_field = ct_field
        self.id_field = id_field

    def __repr__(self):
        return f"ThroughObject({self.ct_field!r}, {self.id_field!r})"


def _of_the_package(model):
    app_config = model._meta.app_config
    return bool(app_config) and app_config.name.startswith("mentoring_wagtail")


def is_declared(model):
    return hasattr(model, ATTRIBUTE)


def _has_school(model):
    try:
        return site_path(model) is not None
    except ImproperlyConfigured:
        return False


def site_path(model):
    """The model's declared path to its school; ImproperlyConfigured if none."""
    path = getattr(model, ATTRIBUTE, _MISSING)
    if path is _MISSING and not _of_the_package(model):
        # A host's model: a page by the tree, a record by its own ``site``.
        if _is_page_model(model):
            return IN_PAGE_TREE
        return "site" if any(f.name == "site" for f in model._meta.fields) else None
    if path is _MISSING:
        raise ImproperlyConfigured(
            f"{model._meta.label} does not say which school its rows belong to "
            f"(set {ATTRIBUTE}; see mentoring_wagtail/access/site_scope.py)."
        )
    return path


def is_site_scoped(model):
    return site_path(model) is not None


def _is_page_model(model):
    return model is not None and issubclass(model, Page)


def _final_field(model, path):
    """The model and field the path ends at (following foreign keys)."""
    parts = path.split("__")
    field = None
    current = model
    for part in parts:
        field = current._meta.get_field(part)
        if not field.is_relation:
            raise ImproperlyConfigured(f"{model._meta.label}.{ATTRIBUTE}: {path}")
        current = field.related_model
    return field


def ends_at_page(model, path):
    if path == IN_PAGE_TREE:
        return True
    if isinstance(path, ThroughObject) or path is None:
        return False
    return _is_page_model(_final_field(model, path).related_model)


def check_declaration(model):
    """Errors in ``model``'s declaration, as strings (empty when sound)."""
    if not is_declared(model):
        return [f"{model._meta.label}: no {ATTRIBUTE}"]
    path = site_path(model)
    if path is None or isinstance(path, ThroughObject):
        return []
    if path == IN_PAGE_TREE:
        return [] if _is_page_model(model) else [f"{model._meta.label}: not a page"]
    try:
        field = _final_field(model, path)
    except Exception as error:  # noqa: BLE001 - reported by the test
        return [f"{model._meta.label}: {path}: {error}"]
    target = field.related_model
    if target is Site or _is_page_model(target) or _delegates_to(model, path):
        return []
    return [f"{model._meta.label}: {path} ends at {target._meta.label}"]


def _delegates_to(model, path):
    """The package's model a path ends at, when that model declares its own
    school (a qualified signature belongs where its signature does)."""
    if path is None or path == IN_PAGE_TREE or isinstance(path, ThroughObject):
        return None
    target = _final_field(model, path).related_model
    if target is Site or _is_page_model(target) or target is model:
        return None
    if _of_the_package(target) and is_declared(target):
        return target
    return None


# Querysets.


def _root_url_paths(site_ids):
    return [
        root.root_path
        for root in Site.get_site_root_paths()
        if root.site_id in site_ids and root.root_path
    ]


def _tree_q(prefix, site_ids):
    q = Q(pk__in=[])
    for url_path in _root_url_paths(site_ids):
        q |= Q(**{f"{prefix}url_path__startswith": url_path})
    return q


def sites_q(model, site_ids, prefix=""):
    """A ``Q`` of ``model``'s rows that belong to one of ``site_ids``.

    ``prefix`` ("person__") applies it to a related model's rows.
    A global model's rows match every school.
    """
    site_ids = set(site_ids)
    path = site_path(model)
    if path is None:
        return Q()
    if path == IN_PAGE_TREE:
        return _tree_q(prefix, site_ids)
    if isinstance(path, ThroughObject):
        return _generic_q(model, path, site_ids, prefix)
    if ends_at_page(model, path):
        return _tree_q(f"{prefix}{path}__", site_ids)
    target = _delegates_to(model, path)
    if target is not None:
        ids = target._default_manager.filter(sites_q(target, site_ids)).values("pk")
        return Q(**{f"{prefix}{path}__in": ids})
    return Q(**{f"{prefix}{path}__in": site_ids})


def _generic_q(model, path, site_ids, prefix):
    q = Q(pk__in=[])
    for target in apps.get_models():
        if not _has_school(target) or target is model:
            continue
        target_path = site_path(target)
        if (
            target_path is None
            or isinstance(target_path, ThroughObject)
            or _delegates_to(target, target_path) is not None
        ):
            continue
        content_type = ContentType.objects.get_for_model(
            target, for_concrete_model=False
        )
        ids = (
            target._default_manager.filter(sites_q(target, site_ids))
            .annotate(_mentoring_pk_str=Cast("pk", CharField()))
            .values("_mentoring_pk_str")
        )
        q |= Q(
            **{
                f"{prefix}{path.ct_field}": content_type,
                f"{prefix}{path.id_field}__in": ids,
            }
        )
    return q


def filter_to_sites(queryset, site_ids):
    """Only the rows of ``queryset`` that belong to one of ``site_ids``."""
    return queryset.filter(sites_q(queryset.model, site_ids))


# Single objects.


def site_id_of_url_path(url_path):
    """The site whose tree holds a page at ``url_path`` (the deepest root)."""
    best = None
    for root in Site.get_site_root_paths():
        if root.root_path and url_path.startswith(root.root_path):
            if best is None or len(root.root_path) > len(best.root_path):
                best = root
    return best.site_id if best else None


def _site_of_page(page):
    return site_id_of_url_path(getattr(page, "url_path", None) or "")


def _resolve(obj):
    model = type(obj)
    path = site_path(model)
    if path is None:
        return None
    if path == IN_PAGE_TREE:
        return _site_of_page(obj)
    if isinstance(path, ThroughObject):
        content_type_id = getattr(obj, f"{path.ct_field}_id", None)
        if content_type_id is None:
            return None
        target_model = ContentType.objects.get_for_id(content_type_id).model_class()
        if target_model is None or not _has_school(target_model):
            return None
        target = target_model._default_manager.filter(
            pk=getattr(obj, path.id_field)
        ).first()
        return site_id_of(target) if target is not None else None
    parts = path.split("__")
    current = obj
    for part in parts[:-1]:
        current = getattr(current, part, None)
        if current is None:
            return None
    last = parts[-1]
    if ends_at_page(model, path):
        page = getattr(current, last, None)
        return _site_of_page(page) if page is not None else None
    if _delegates_to(model, path) is not None:
        return site_id_of(getattr(current, last, None))
    return getattr(current, f"{last}_id", None)


def site_id_of(obj):
    """The id of the school ``obj`` belongs to; None when global or unplaced.

    A value put there by ``prefetch_site_ids`` is used as is (listings).
    """
    if obj is None:
        return None
    cached = getattr(obj, _CACHE_ATTRIBUTE, _MISSING)
    if cached is not _MISSING:
        return cached
    site_id = _resolve(obj)
    if obj.pk is not None:
        setattr(obj, _CACHE_ATTRIBUTE, site_id)
    return site_id


def prefetch_site_ids(instances):
    """Resolve the school of a page of a listing in one query per model."""
    by_model = {}
    for obj in instances:
        if obj is not None and obj.pk is not None:
            by_model.setdefault(type(obj), []).append(obj)
    for model, objs in by_model.items():
        path = site_path(model)
        if (
            path is None
            or isinstance(path, ThroughObject)
            or _delegates_to(model, path) is not None
        ):
            continue
        pending = [o for o in objs if not hasattr(o, _CACHE_ATTRIBUTE)]
        if not pending:
            continue
        if path == IN_PAGE_TREE:
            for obj in pending:
                setattr(obj, _CACHE_ATTRIBUTE, _site_of_page(obj))
            continue
        if ends_at_page(model, path):
            rows = model._default_manager.filter(pk__in=[o.pk for o in pending])
            paths = dict(rows.values_list("pk", f"{path}__url_path"))
            for obj in pending:
                page_path = paths.get(obj.pk)
                site = _site_of_page(_UrlPath(page_path)) if page_path else None
                setattr(obj, _CACHE_ATTRIBUTE, site)
            continue
        rows = model._default_manager.filter(pk__in=[o.pk for o in pending])
        site_ids = dict(rows.values_list("pk", path))
        for obj in pending:
            setattr(obj, _CACHE_ATTRIBUTE, site_ids.get(obj.pk))


class _UrlPath:
    def __init__(self, url_path):
        self.url_path = url_path


def package_models():
    """Every concrete model of the package and its apps (for the test and checks)."""
    return [model for model in apps.get_models() if _of_the_package(model)]


# Views loading an object by id outside a viewset.


def may(user, actions, obj):
    """The registered permission policy allows one of ``actions`` on ``obj``
    (its school included): the one check of listings, exports and erasure."""
    policy = policy_registry.get_by_type(type(obj))
    return policy.user_has_any_permission_for_instance(user, list(actions), obj)


def get_permitted_or_404(user, queryset_or_model, pk, actions):
    """The object by its id in the URL, if the user may do one of ``actions``
    on it; another school's object is refused like a missing right."""
    obj = get_by_pk_or_404(queryset_or_model, pk)
    if not may(user, actions, obj):
        raise PermissionDenied
    return obj


def unplaced_rows():
    """``(model, count)`` of rows that belong to no school: a page outside
    every site's tree, a record pointing at one. No per-site role sees them;
    setup reports them rather than guess a school."""
    site_ids = set(Site.objects.values_list("pk", flat=True))
    found = []
    for model in package_models():
        if not is_site_scoped(model):
            continue
        count = model._default_manager.exclude(sites_q(model, site_ids)).count()
        if count:
            found.append((model, count))
    return found

"""Every admin URL the package registers, found by walking the URL resolver.

Nothing here lists views by hand: the snippet viewsets and choosers of the
guarded models, the URLs of the package's ``register_admin_urls`` hooks, the
bulk actions Wagtail offers for those models and Wagtail's page admin for the
package's page types are collected from what is registered, so a view that
a later Wagtail release adds is enumerated too. ``package_urls`` is the whole
set, optional apps included: every URL whose view, or whose viewset, is in
``mentoring_wagtail``.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from wagtail import hooks


@dataclass(frozen=True)
class AdminURL:
    name: str  # "namespace:name"
    kwargs: tuple  # the names of the URL's parameters
    pattern: object

    def __str__(self):
        return self.name


def _parameters(pattern):
    regex = pattern.pattern.regex
    return tuple(regex.groupindex)


def walk(resolver=None, namespaces=(), inherited=()):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from walk(entry, ns, inherited + _parameters(entry))
        elif isinstance(entry, URLPattern) and entry.name:
            yield AdminURL(
                ":".join((*namespaces, entry.name)),
                inherited + _parameters(entry),
                entry,
            )


OPTIONAL_APPS = {"participants", "portfolios", "monitoring"}
PACKAGE = "mentoring_wagtail"


def view_module(url):
    """The module of the view behind ``url`` (its class, or its function)."""
    callback = url.pattern.callback
    view_class = getattr(callback, "view_class", None)
    return (view_class or callback).__module__


def package_viewsets():
    """Namespace → viewset, for every viewset the package or its apps register.

    A ``ModelViewSet`` may build Wagtail's own generic views (their module is
    ``wagtail.…``), so its URLs belong to the package through the viewset.
    """
    from wagtail.admin.viewsets import viewsets

    get_resolver().url_patterns  # noqa: B018 (registers the viewsets)
    found = {}
    from django.contrib.auth import get_user_model

    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if model is get_user_model():
            # Wagtail's users admin: its views and checks are Wagtail's; the
            # package gives only the «Роли» tab's form (test_user_roles_tab).
            continue
        modules = {type(viewset).__module__}
        if isinstance(model, type):
            modules.add(model.__module__)
        if getattr(viewset, "name", None) and any(
            m.startswith(PACKAGE) for m in modules
        ):
            found[viewset.url_namespace] = viewset
    return found


def package_urls():
    """Every admin URL whose view or viewset is the package's or its apps'."""
    namespaces = set(package_viewsets())
    return [
        url
        for url in walk()
        if view_module(url).startswith(PACKAGE)
        or url.name.split(":", 1)[0] in namespaces
    ]


def app_of(url):
    """``"core"`` or the optional app (``participants``…) ``url`` belongs to."""
    viewset = package_viewsets().get(url.name.split(":", 1)[0])
    model = getattr(viewset, "model", None)
    module = model.__module__ if isinstance(model, type) else view_module(url)
    if viewset is not None and not isinstance(model, type):
        module = type(viewset).__module__
    part = module.split(".")[1] if module.startswith(PACKAGE + ".") else ""
    return part if part in OPTIONAL_APPS else "core"


def package_hook_namespaces():
    """Namespaces of the URLs the package's own ``register_admin_urls`` add."""
    namespaces = set()
    for hook in hooks.get_hooks("register_admin_urls"):
        # The optional apps (participants…) prove their own rights matrix.
        if not hook.__module__.startswith("mentoring_wagtail") or (
            hook.__module__.split(".")[1] in OPTIONAL_APPS
        ):
            continue
        for entry in hook():
            if isinstance(entry, URLResolver) and entry.namespace:
                namespaces.add(entry.namespace)
    return namespaces


def guarded_snippet_models():
    from wagtail.snippets.models import get_snippet_models

    from mentoring_wagtail.access.permissions import is_guarded

    return [
        model
        for model in get_snippet_models()
        if model._meta.app_label == "mentoring_wagtail" and is_guarded(model)
    ]


def snippet_namespaces(model):
    viewset = model.snippet_viewset
    return {
        viewset.get_admin_url_namespace(),
        viewset.get_chooser_admin_url_namespace(),
    }


def urls_in(namespaces):
    return [url for url in walk() if url.name.split(":", 1)[0] in namespaces]


def page_admin_urls():
    """Wagtail's page admin: what it offers on a page of the package."""
    page_kwargs = {"page_id", "page_to_move_id", "parent_page_id", "pk"}
    return [
        url for url in urls_in({"wagtailadmin_pages"}) if page_kwargs & set(url.kwargs)
    ]


def bulk_action_types(model):
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    meta = model._meta
    return [
        action.action_type
        for action in bulk_action_registry.get_bulk_actions_for_model(
            meta.app_label, meta.model_name
        )
    ]

"""Every admin URL the package registers, found by walking the URL resolver.

Nothing here lists views by hand: the snippet viewsets and choosers of the
guarded models, the URLs of the package's ``register_admin_urls`` hooks, the
bulk actions Wagtail offers for those models and Wagtail's page admin for the
package's page types are collected from what is registered, so a view that
a later Wagtail release adds is enumerated too.
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

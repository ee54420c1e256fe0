"""The admin pages of the package, found from what it registers, with real
objects of the demo school: what ``test_admin_csp`` visits under a strict
Content-Security-Policy.

A page is the package's when the package registered it (its
``register_admin_urls`` hooks and viewsets), or when it is Wagtail's view of
the package's own models (page types, settings, the sign-off task, the
documents form) where the package injects panels, buttons and hooks, or the
dashboard, whose template and panels the package overrides.
"""

from django.apps import apps
from django.urls import URLResolver, reverse
from wagtail import hooks

from . import admin_urls

PACKAGE = "mentoring_wagtail"

# Wagtail's page views where the package injects panels (edit, add), header
# buttons (edit, history) and listing buttons (explore) for its page types.
# Wagtail's other page views (delete, move, copy…) show nothing of ours.
PAGE_VIEWS = {
    "wagtailadmin_pages:edit",
    "wagtailadmin_pages:add",
    "wagtailadmin_pages:history",
    "wagtailadmin_explore",
}
# Wagtail's other views that render the package's models or forms.
WAGTAIL_VIEWS_OF_OURS = {
    "wagtailadmin_home",  # the package's home.html and its dashboard panels
    "wagtailsettings:edit",  # OrganisationSettings
    "wagtailadmin_workflows:edit_task",  # the director's sign-off task
    "wagtaildocs:add",  # the package's document form and checks
    "wagtaildocs:add_multiple",
    "wagtaildocs:edit",
}
# The package's views whose ``pk`` names an object of a model they do not
# declare (plain views rather than viewsets).
VIEW_MODELS = {
    "mentoring_participants_privacy": "mentoring_participants.Person",
    "mentoring_matching": "mentoring_participants.Mentee",
    "mentoring_monitoring_indicators": "mentoring_monitoring.MonitoringYear",
    "mentoring_monitoring_export": "mentoring_monitoring.MonitoringYear",
    "mentoring_monitoring_report": "mentoring_monitoring.MonitoringYear",
}
PAGE_PARAMETERS = {"page_id", "parent_page_id", "page_to_move_id"}
# Parameters that name a file format: the URL answers with a download.
DOWNLOAD_FORMAT = {"fmt": "csv", "file_format": "csv"}


def package_models():
    return [
        model
        for config in apps.get_app_configs()
        if config.name == PACKAGE or config.name.startswith(PACKAGE + ".")
        for model in config.get_models()
    ]


def package_namespaces():
    """URL namespaces and names the package's hooks and viewsets register."""
    from wagtail.admin.viewsets import viewsets

    names = set()
    for hook in hooks.get_hooks("register_admin_urls"):
        if hook.__module__.startswith(PACKAGE):
            for entry in hook():
                if isinstance(entry, URLResolver):
                    names.add(entry.namespace)
                else:
                    names.add(entry.name)
    for viewset in viewsets.viewsets:
        if type(viewset).__module__.startswith(PACKAGE):
            names.add(viewset.url_namespace)
    return names


def package_urls():
    namespaces = package_namespaces()
    wagtail = PAGE_VIEWS | WAGTAIL_VIEWS_OF_OURS
    return [
        url
        for url in admin_urls.walk()
        if url.name.split(":", 1)[0] in namespaces or url.name in wagtail
    ]


def namespace_models():
    from wagtail.admin.viewsets import viewsets

    return {
        viewset.url_namespace: viewset.model
        for viewset in viewsets.viewsets
        if type(viewset).__module__.startswith(PACKAGE)
        and getattr(viewset, "model", None) is not None
    }


def representative(model):
    """An object of ``model`` with the most history (revisions, a route)."""
    objects = list(model._default_manager.order_by("pk")[:50])
    routed = [obj for obj in objects if getattr(obj, "workflow_states", None)]
    routed = [obj for obj in routed if obj.workflow_states.exists()]
    in_progress = [obj for obj in routed if obj.workflow_in_progress]
    return next(iter(in_progress + routed + objects), None)


def put_on_route(model, user):
    """A record of ``model`` sent for approval, if the demo has none."""
    obj = representative(model)
    if obj is None or obj.workflow_in_progress:
        return
    from wagtail.models import Workflow

    workflow = obj.get_workflow() or Workflow.objects.filter(active=True).first()
    obj.save_revision(user=user)
    workflow.start(obj, user)


def history_of(obj):
    values = {}
    revisions = getattr(obj, "revisions", None)
    if revisions is not None and revisions.exists():
        values["revision_id"] = revisions.order_by("-pk").first().pk
        values["revision_id_a"] = "earliest"
        values["revision_id_b"] = "latest"
    states = getattr(obj, "workflow_states", None)
    state = states.order_by("-pk").first() if states is not None else None
    if state is not None:
        values["workflow_state_id"] = state.pk
        task_state = state.current_task_state or state.task_states.last()
        if task_state is not None:
            values["task_state_id"] = task_state.pk
            values["task_id"] = task_state.task_id
            values["action_name"] = "approve"
    return values


def page_samples():
    """One page of each of the package's page types (the demo has them all)."""
    from wagtail.models import Page

    pages = []
    for model in package_models():
        if issubclass(model, Page):
            page = representative(model)
            assert page is not None, f"the demo has no {model.__name__}"
            pages.append(page.specific)
    return pages


def candidates(url, pages, owners):
    """Each set of real parameters for ``url`` (several objects may fit)."""
    from wagtail.documents import get_document_model
    from wagtail.models import Site

    from mentoring_wagtail.models import (
        Acknowledgement,
        DirectorSignOffTask,
        OrganisationSettings,
    )

    params = set(url.kwargs)
    namespace = url.name.split(":", 1)[0]
    model = namespace_models().get(namespace)
    if not params:
        return [{}]
    if url.name == "wagtailsettings:edit":
        meta = OrganisationSettings._meta
        values = {"app_name": meta.app_label, "model_name": meta.model_name}
        if "pk" in params:
            values["pk"] = Site.objects.get(is_default_site=True).pk
        return [values]
    if url.name == "wagtailadmin_workflows:edit_task":
        return [{"pk": task.pk} for task in DirectorSignOffTask.objects.all()[:1]]
    if url.name == "wagtaildocs:edit":
        document = (
            get_document_model().objects.filter(collection__name="Наставничество")
        ).first()
        return [{"document_id": document.pk}]
    if url.name == "mentoring_sign_off:sign_off":
        # The director's short sign-off screen, for an order on its route.
        from mentoring_wagtail.models import Order

        task_state_id = history_of(representative(Order)).get("task_state_id")
        return [{"task_state_id": task_state_id}] if task_state_id else []
    if namespace in ("mentoring_background", "mentoring_base_exports"):
        # A background job (a base export being made, or one that failed).
        from mentoring_wagtail.background.models import BackgroundJob

        job = BackgroundJob.objects.order_by("pk").first() or (
            BackgroundJob.objects.create(
                title="Выгрузка «База наставников» (.xlsx)",
                job_path="mentoring_wagtail.participants.bases.export_job.export_base_job",
                arguments={"base": "mentors", "file_format": "xlsx", "sites": None},
            )
        )
        return [{"pk": job.pk}] if "pk" in params else [{}]
    if url.name == "mentoring_roadmap:import_job":
        # A large import of the walking superuser: being read, then its preview.
        from django.contrib.auth import get_user_model

        from mentoring_wagtail.roadmaps.admin.views import import_parents_for
        from tests import roadmap_docx
        from tests.roadmaps.import_steps import import_job, preview_result

        user = get_user_model().objects.filter(is_superuser=True).order_by("pk")[0]
        parent = import_parents_for(user)[0]
        done = preview_result(roadmap_docx.omutninsk_layout())
        return [
            {"pk": import_job(user, parent).pk},
            {"pk": import_job(user, parent, "done", done).pk},
        ]
    if url.name == "mentoring_lockouts:unlock":
        # A locked login for the unlock button (a POST; GET is refused with 405).
        from axes.models import AccessAttempt

        attempt = AccessAttempt.objects.first() or AccessAttempt.objects.create(
            username="locked-out",
            ip_address="127.0.0.9",
            user_agent="test",
            http_accept="text/html",
            path_info="/admin/login/",
            get_data="",
            post_data="",
            failures_since_start=5,
        )
        return [{"pk": attempt.pk}]
    if url.name == "mentoring_familiarisation:acknowledge":
        return [{"pk": ack.pk} for ack in Acknowledgement.objects.all()[:1]]
    if url.name == "wagtailadmin_pages:add":
        return [
            {
                "content_type_app_name": page._meta.app_label,
                "content_type_model_name": page._meta.model_name,
                "parent_page_id": page.get_parent().pk,
            }
            for page in pages
        ]
    if params & PAGE_PARAMETERS:
        objects = pages
    elif {"app_label", "model_name"} <= params:
        objects = [representative(m) for m in owners]
    elif model is not None:
        objects = [representative(model)]
    elif namespace in VIEW_MODELS:
        objects = [representative(apps.get_model(VIEW_MODELS[namespace]))]
    else:
        objects = [None]
    found = []
    for obj in objects:
        values = dict(DOWNLOAD_FORMAT)
        if obj is not None:
            values.update(history_of(obj))
            values.update(
                pk=obj.pk,
                **dict.fromkeys(PAGE_PARAMETERS, obj.pk),
                app_label=obj._meta.app_label,
                model_name=obj._meta.model_name,
            )
        for base in bases() if "base" in params else [None]:
            values["base"] = base
            chosen = {name: values.get(name) for name in params}
            unknown = [name for name, value in chosen.items() if value is None]
            assert not unknown, f"{url}: no value for {unknown}; teach the test"
            found.append(chosen)
    return found


def bases():
    from mentoring_wagtail.participants.bases.columns import BASES

    return list(BASES)


def admin_paths(pages, owners):
    """(label, path) of every package admin URL, with real parameters."""
    paths = []
    for url in package_urls():
        for kwargs in candidates(url, pages, owners):
            path = reverse(url.name, kwargs=kwargs)
            label = url.name
            page_id = next((kwargs[p] for p in PAGE_PARAMETERS if p in kwargs), None)
            if page_id or kwargs.get("content_type_model_name"):
                model_name = kwargs.get("content_type_model_name")
                label += f"[{model_name or page_id}]"
            elif kwargs.get("model_name") and "app_label" in kwargs:
                label += f"[{kwargs['model_name']}]"
            if kwargs.get("base"):
                label += f"[{kwargs['base']}]"
            paths.append((label, path))
    return paths

"""The default approval routes, created by ``mentoring_setup``.

Built the way Wagtail's own migration 0048_add_default_workflows builds the
default moderation workflow: tasks with their reviewer groups, a workflow,
``WorkflowTask`` rows in order, then the assignment. Snippet types are
assigned with ``WorkflowContentType`` (one workflow per model); pages are
assigned per page with ``WorkflowPage``, because Wagtail chooses a page's
workflow from the page tree, not from its type: every roadmap page gets the
roadmap route when it is created (``assign_new_roadmap``) or when setup runs.

Everything is looked up by name before it is created, and what a site has
changed in Wagtail's workflow admin afterwards (tasks, groups, assignments)
is left alone.

An installation that keeps its roles per site (``access.site_roles``) gets
each route once per site as well, named «Согласование приказа — Школа № 2
(сайт 3)», its steps assigned to that site's groups: a sign-off for school B
is never offered to school A's director. A site's pages follow its own route;
a record with a ``site`` finds its site's route through
``access.site_routes.site_workflow`` (``AbstractOfficialDocument.get_workflow``).
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import (
    GroupApprovalTask,
    Site,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from ..access import site_roles
from ..access.site_routes import find_for_site, site_route_name, site_workflow
from ..access.staff_roles import get_role
from ..setup_result import SetupResult
from .models import DirectorSignOffTask

ORDER_WORKFLOW = "Согласование приказа"
ROADMAP_WORKFLOW = "Утверждение дорожной карты"
PORTFOLIO_WORKFLOW = "Публикация портфолио наставника"
# Questionnaires, indicator pages, practices and the optional apps' index
# pages: without a route of their own they fell to Wagtail's default
# «Moderators approval», whose group has no members (issue 25).
PAGE_WORKFLOW = "Публикация материалов наставничества"


@dataclass(frozen=True)
class TaskSpec:
    name: str
    task_model: type
    role_keys: tuple


@dataclass(frozen=True)
class WorkflowSpec:
    name: str
    tasks: tuple
    snippet_models: tuple = ()
    page_models: tuple = ()


DEFAULT_WORKFLOWS = (
    WorkflowSpec(
        name=ORDER_WORKFLOW,
        tasks=(
            TaskSpec("Проверка куратором", GroupApprovalTask, ("curator",)),
            TaskSpec("Подписание директором", DirectorSignOffTask, ("director",)),
        ),
        snippet_models=("mentoring_wagtail.Order",),
    ),
    WorkflowSpec(
        name=ROADMAP_WORKFLOW,
        tasks=(
            TaskSpec("Проверка методистом", GroupApprovalTask, ("methodologist",)),
            TaskSpec("Утверждение директором", GroupApprovalTask, ("director",)),
        ),
        page_models=("mentoring_wagtail.RoadmapPage",),
    ),
    # The page types it moderates come from an optional app (add_route_page_model).
    WorkflowSpec(
        name=PORTFOLIO_WORKFLOW,
        tasks=(TaskSpec("Модерация куратором", GroupApprovalTask, ("curator",)),),
    ),
    # Its page types come from the optional apps. The curator builds and
    # submits; publishing needs the right to publish, which the director
    # holds (the same step as the roadmap's, shared).
    WorkflowSpec(
        name=PAGE_WORKFLOW,
        tasks=(TaskSpec("Утверждение директором", GroupApprovalTask, ("director",)),),
    ),
)

# Page types that optional apps put on a default route, by the route's name;
# filled from their ``AppConfig.ready`` (like hooks), so the core names none.
_ADDED_PAGE_MODELS = {}


def add_route_page_model(workflow_name, label):
    """Put an optional app's page type on a default route; call from ``ready()``."""
    labels = _ADDED_PAGE_MODELS.setdefault(workflow_name, [])
    if label not in labels:
        labels.append(label)
    _connect_page_model(label)


def page_models_of(spec):
    return (*spec.page_models, *_ADDED_PAGE_MODELS.get(spec.name, ()))


def _get_model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def ensure_task(spec):
    task = spec.task_model.objects.filter(name=spec.name).first()
    created = task is None
    if created:
        task = spec.task_model.objects.create(name=spec.name, active=True)
        groups = Group.objects.filter(
            name__in=[get_role(key).name for key in spec.role_keys]
        )
        task.groups.set(groups)
    return task, created


def ensure_workflow(spec):
    """Create the workflow and its tasks if missing; return (workflow, created)."""
    workflow = Workflow.objects.filter(name=spec.name).first()
    if workflow is not None:
        return workflow, False
    workflow = Workflow.objects.create(name=spec.name, active=True)
    for sort_order, task_spec in enumerate(spec.tasks):
        task, _created = ensure_task(task_spec)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=sort_order)
    return workflow, True


def assign_snippet_models(workflow, spec):
    assigned = []
    for label in spec.snippet_models:
        model = _get_model(label)
        if model is None:
            continue
        content_type = ContentType.objects.get_for_model(model)
        _row, created = WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
        if created:
            assigned.append(str(model._meta.verbose_name_plural))
    return assigned


def assign_pages(workflow, spec):
    count = 0
    for label in page_models_of(spec):
        model = _get_model(label)
        if model is None:
            continue
        for page in model.objects.filter(workflowpage__isnull=True):
            WorkflowPage.objects.create(page=page, workflow=workflow)
            count += 1
    return count


def _ensure_site_task(spec, site):
    name = site_route_name(spec.name, site)
    task = find_for_site(spec.task_model.objects.all(), spec.name, site.pk)
    if task is None:
        task = spec.task_model.objects.create(name=name, active=True)
        task.groups.set(
            [
                group
                for key in spec.role_keys
                if (group := site_roles.site_role_group(get_role(key), site.pk))
            ]
        )
    elif task.name != name:
        task.name = name
        task.save(update_fields=["name"])
    return task


def ensure_site_workflow(spec, site):
    """The route ``spec`` of one site, its steps given to the site's groups."""
    name = site_route_name(spec.name, site)
    workflow = find_for_site(Workflow.objects.all(), spec.name, site.pk)
    if workflow is not None:
        if workflow.name != name:
            workflow.name = name
            workflow.save(update_fields=["name"])
        return workflow, False
    workflow = Workflow.objects.create(name=name, active=True)
    for sort_order, task_spec in enumerate(spec.tasks):
        WorkflowTask.objects.create(
            workflow=workflow,
            task=_ensure_site_task(task_spec, site),
            sort_order=sort_order,
        )
    return workflow, True


def assign_site_pages(workflow, spec, site):
    """The site's pages of the route's types follow the site's route (those
    on the installation-wide default route move to it)."""
    default = Workflow.objects.filter(name=spec.name).first()
    count = 0
    for label in page_models_of(spec):
        model = _get_model(label)
        if model is None:
            continue
        pages = model.objects.filter(path__startswith=site.root_page.path)
        for page in pages.filter(workflowpage__isnull=True):
            WorkflowPage.objects.create(page=page, workflow=workflow)
            count += 1
        if default is not None:
            count += WorkflowPage.objects.filter(
                page__in=pages, workflow=default
            ).update(workflow=workflow)
    return count


def ensure_site_workflows(site):
    """A site's own routes; yields a ``SetupResult`` per route."""
    for spec in DEFAULT_WORKFLOWS:
        workflow, created = ensure_site_workflow(spec, site)
        pages = assign_site_pages(workflow, spec, site)
        yield _workflow_result(workflow.name, created, [], pages)


def _workflow_result(name, created, assigned, pages):
    if created:
        message = _("Workflow «%(name)s» created.")
    else:
        message = _("Workflow «%(name)s» found.")
    message = message % {"name": name}
    if assigned:
        message += " " + _("Assigned to: %(types)s.") % {"types": ", ".join(assigned)}
    if pages:
        message += " " + ngettext(
            "Assigned to %(count)d page.", "Assigned to %(count)d pages.", pages
        ) % {"count": pages}
    return SetupResult(created or bool(assigned) or bool(pages), message)


def ensure_default_workflows():
    """A ``setup`` step: yields a ``SetupResult`` per workflow."""
    for spec in DEFAULT_WORKFLOWS:
        workflow, created = ensure_workflow(spec)
        assigned = assign_snippet_models(workflow, spec)
        per_site = [
            site
            for site in Site.objects.select_related("root_page").order_by("pk")
            if site_roles.site_role_groups(site.pk).exists()
        ]
        # Per-site pages take their site's route first.
        for site in per_site:
            site_route, site_created = ensure_site_workflow(spec, site)
            site_pages = assign_site_pages(site_route, spec, site)
            yield _workflow_result(site_route.name, site_created, [], site_pages)
        pages = assign_pages(workflow, spec)
        yield _workflow_result(spec.name, created, assigned, pages)


def route_of_page_type(page):
    """The active default route of ``page``'s type, or None."""
    names = [
        spec.name
        for spec in DEFAULT_WORKFLOWS
        if page._meta.label in page_models_of(spec)
    ]
    if not names:
        return None
    return Workflow.objects.filter(name__in=names, active=True).first()


def assign_new_page(sender, instance, created, raw=False, **kwargs):
    """``post_save`` receiver: a new roadmap (portfolio) page follows its route."""
    if not created or raw:
        return
    for spec in DEFAULT_WORKFLOWS:
        if instance._meta.label not in page_models_of(spec):
            continue
        site = instance.get_site()
        workflow = (site and site_workflow(spec.name, site.pk)) or (
            Workflow.objects.filter(name=spec.name, active=True).first()
        )
        if (
            workflow is not None
            and not WorkflowPage.objects.filter(page=instance).exists()
        ):
            WorkflowPage.objects.create(page=instance, workflow=workflow)


def _connect_page_model(label):
    model = _get_model(label)
    if model is not None:
        post_save.connect(
            assign_new_page, sender=model, dispatch_uid=f"mentoring-workflow-{label}"
        )


def connect_signals():
    """Called from ``AppConfig.ready``."""
    for spec in DEFAULT_WORKFLOWS:
        for label in page_models_of(spec):
            _connect_page_model(label)

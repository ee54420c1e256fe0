"""What the execution-control panel shows a user: by their rights and sites.

Roadmap activities come from the roadmaps the user may change or publish
(Wagtail's page permission policy: a curator made responsible for one roadmap
sees that one; the director, whose role edits the section, sees all of its
site). Records awaiting the director's signature are those of the user's
sites that the package's permission policy lets them see. Everything is
fetched in a fixed number of queries whatever the number of items, and each
signature item says why it cannot be signed yet, if it cannot.
"""

from collections import defaultdict

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, Revision, Site, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy

from ..access.permissions import get_policy
from ..roadmaps.models import get_due_activities
from .models import DirectorSignOffTask

LIMIT = 20
ROADMAP_ACTIONS = ["change", "publish"]
SEE_ACTIONS = ["view", "change", "publish"]


def pages_for(user, actions):
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, actions)


def sites_of_user(user):
    """The sites in whose tree the user holds any page permission."""
    sites = list(Site.objects.select_related("root_page"))
    if user.is_active and user.is_superuser:
        return sites
    if not user.is_active:
        return []
    # A site counts when one of the user's page permissions lies in its tree
    # or above its root (the pages a permission covers are its subtree): read
    # from the permissions the policy caches per user, not one query per site.
    codenames = {f"{action}_page" for action in ("add", "change", "publish", "view")}
    granted = [
        permission.page.path
        for permission in PagePermissionPolicy().get_cached_permissions_for_user(user)
        if permission.permission.codename in codenames
    ]
    return [
        site
        for site in sites
        if any(
            path.startswith(site.root_page.path) or site.root_page.path.startswith(path)
            for path in granted
        )
    ]


def due_activities_for(user, within_days):
    if user.is_active and user.is_superuser:
        return get_due_activities(within_days=within_days)[:LIMIT]
    pages = pages_for(user, ROADMAP_ACTIONS)
    return get_due_activities(within_days=within_days, pages=pages)[:LIMIT]


def edit_url(obj):
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    viewset = getattr(obj, "snippet_viewset", None)
    if viewset is None:
        return None
    try:
        return reverse(viewset.get_url_name("edit"), args=[quote(obj.pk)])
    except NoReverseMatch:
        return None


def _objects_of_states(states):
    """The content object of each task state's workflow state, in bulk."""
    wanted = defaultdict(set)
    for state in states:
        workflow_state = state.workflow_state
        wanted[workflow_state.base_content_type_id].add(workflow_state.object_id)
    found = {}
    for content_type_id, object_ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        queryset = model._default_manager.filter(pk__in=object_ids)
        if issubclass(model, Page):
            queryset = queryset.specific()
        for obj in queryset:
            found[(content_type_id, str(obj.pk))] = obj
    # The sign-off reads the latest revision (a scan uploaded to a draft
    # counts): all of them in one query.
    revisions = Revision.objects.in_bulk(
        [o.latest_revision_id for o in found.values() if o.latest_revision_id]
    )
    for obj in found.values():
        revision = revisions.get(obj.latest_revision_id)
        if revision is not None:
            # Only the fields of the revision are read: no query per object.
            obj._mentoring_latest_version = type(obj).from_serializable_data(
                revision.content, check_fks=False
            )
    return found


def _may_see(user, obj, page_ids):
    if user.is_active and user.is_superuser:
        return True
    if isinstance(obj, Page):
        return obj.pk in page_ids
    policy = get_policy(type(obj))
    return policy.user_has_any_permission_for_instance(user, SEE_ACTIONS, obj)


def awaiting_signature_for(user):
    """Items waiting in a «Подписание директором» step that ``user`` may see.

    Each is a dict: ``object``, ``url``, ``since``, ``problems`` (why it
    cannot be signed yet; empty when it can) and ``signable_by_user``.
    """
    sites = sites_of_user(user)
    if not sites:
        return []
    site_ids = {site.pk for site in sites}
    roots = [site.root_page.path for site in sites]
    states = list(
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__in=DirectorSignOffTask.objects.all(),
        )
        .select_related("workflow_state")
        .order_by("started_at")
    )
    tasks = {
        task.pk: task
        for task in DirectorSignOffTask.objects.filter(
            pk__in={state.task_id for state in states}
        ).prefetch_related("groups")
    }
    objects = _objects_of_states(states)
    page_ids = set(
        pages_for(user, SEE_ACTIONS)
        .filter(pk__in=[o.pk for o in objects.values() if isinstance(o, Page)])
        .values_list("pk", flat=True)
    )
    user_group_ids = set(user.groups.values_list("pk", flat=True))
    items = []
    for state in states:
        workflow_state = state.workflow_state
        obj = objects.get(
            (workflow_state.base_content_type_id, workflow_state.object_id)
        )
        if obj is None or not _in_sites(obj, site_ids, roots):
            continue
        if not _may_see(user, obj, page_ids):
            continue
        task = tasks[state.task_id]
        items.append(
            {
                "object": obj,
                "url": edit_url(obj),
                "since": state.started_at,
                "problems": task.get_sign_off_problems(obj),
                "signable_by_user": user.is_superuser
                or bool(user_group_ids & {g.pk for g in task.groups.all()}),
                "task_state": state,
            }
        )
        if len(items) == LIMIT:
            break
    return items


def _in_sites(obj, site_ids, roots):
    if isinstance(obj, Page):
        return any(obj.path.startswith(root) for root in roots)
    site_id = getattr(obj, "site_id", None)
    return site_id is None or site_id in site_ids

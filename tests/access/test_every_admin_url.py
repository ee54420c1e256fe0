"""Every admin URL of the package refuses who holds no right on the object.

The URLs are enumerated (``admin_urls``), object URLs are reversed with a
real object's id, and each is tried by a staff member with no right on the
object (refused: 403/404 or a redirect with an error message; never the
object's data; nothing changed) and by one holding every object grant on it
(admitted). A URL with a parameter this test cannot fill fails the test, so
a view Wagtail adds later is looked at, not skipped.

The optional apps' URLs (participants, portfolios, monitoring) are tried on
every role of ``app_world`` by ``app_urls_check``; the last test fails on any
admin URL of the package that no test here tries.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import constants
from django.urls import reverse
from guardian.shortcuts import assign_perm
from wagtail.models import GroupPagePermission, Workflow

from mentoring_wagtail.models import (
    Acknowledgement,
    MentoringProgramme,
    Order,
    ProgrammeDocument,
    Regulation,
    RoadmapPage,
)

from ..approvals_support import make_user, setup_roles
from ..documents_support import publish_obj
from . import admin_urls, app_urls_check, app_world

pytestmark = pytest.mark.django_db

TITLE = "Секретный проект 4471"
OBJECT_ACTIONS = ("view", "change", "delete", "publish", "lock", "unlock")
# Sharing needs the right through a role (the sharing rule); an object grant
# is refused there on purpose, so a role holder is the one admitted.
ROLE_ONLY = {"mentoring_sharing:object", "mentoring_sharing:page"}
# Needs add on the model (creating, not an object); no object grant admits it.
MODEL_LEVEL = {"add", "preview_on_add", "create", "import"}
# Acting on the current step of a route, and locking during it, is for the
# step's reviewers (Wagtail's task rules): one of them is the one admitted.
ROUTE_ONLY = {
    "workflow_action",
    "collect_workflow_action_data",
    "workflow_preview",
    "lock",
    "unlock",
}
# Refused to anyone for the state of the draft roadmap, not for rights.
NOT_FOR_THIS_STATE = {
    "wagtailadmin_pages:add_subpage": "a roadmap takes no child pages",
    "wagtailadmin_pages:unpublish": "the roadmap is a draft",
    "wagtailadmin_pages:convert_alias": "the roadmap is not an alias",
    "wagtailadmin_pages:set_page_position": "needs a position to move to",
    "wagtailadmin_pages:move_confirm": "the destination is the page's own parent",
    "mentoring_sign_off:sign_off": "the current step is not the director's sign-off",
}
# A user's own job, not an object's URL: nobody else is admitted, whatever
# their grants (tests/roadmaps/test_import_background.py).
OWN_JOB_ONLY = {"mentoring_roadmap:import_job"}
# Wagtail's page views that answer anyone with the same static text, naming
# nothing of the page: allowed, as long as the title stays out (checked).
NO_OBJECT_DATA = {
    "wagtailadmin_pages:confirm_workflow_cancellation": "a static warning",
}


def make_object(model, site):
    fields = {
        "site": site,
        "title": TITLE,
        "date": datetime.date.today() - datetime.timedelta(days=3),
    }
    if model is Order:
        fields["kind"] = "implementation"
    if model is ProgrammeDocument:
        fields["kind"] = model._meta.get_field("kind").default or "protocol"
    obj = model(**fields)
    obj.save()
    return obj


def with_history(obj, user):
    """Published once, then a draft, then sent along its route."""
    publish_obj(obj)
    obj.title = TITLE + " (правка)"
    obj.save_revision(user=user)
    workflow = obj.get_workflow() or Workflow.objects.filter(active=True).first()
    workflow.start(obj, user)
    obj.refresh_from_db()
    return obj


def parameters(url, obj, page, action=None, ack=None):
    """Real values for each parameter of ``url``."""
    state = obj.workflow_states.order_by("-pk").first()
    task_state = state.current_task_state if state else None
    if task_state is None and state is not None:
        task_state = state.task_states.order_by("-pk").first()
    revision = obj.revisions.order_by("-pk").first()
    values = {
        "pk": obj.pk,
        "page_id": page.pk,
        "page_to_move_id": page.pk,
        "parent_page_id": page.pk,
        "destination_id": page.get_parent().pk,
        "revision_id": revision.pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "workflow_state_id": state.pk if state else None,
        "task_state_id": task_state.pk if task_state else None,
        "task_id": task_state.task_id if task_state else None,
        "action_name": "approve",
        "app_label": obj._meta.app_label,
        "model_name": obj._meta.model_name,
        "content_type_app_name": page._meta.app_label,
        "content_type_model_name": page._meta.model_name,
        "action": action,
    }
    if url.name == "mentoring_familiarisation:acknowledge":
        values["pk"] = ack.pk
    unknown = [name for name in url.kwargs if values.get(name) is None]
    assert not unknown, f"{url}: no value for {unknown}; teach the test this view"
    return {name: values[name] for name in url.kwargs}


def refused(response):
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code != 302:
        return False
    # Only the messages of this request (older ones wait in the session).
    queued = getattr(response.wsgi_request._messages, "_queued_messages", [])
    errors = [m for m in queued if m.level == constants.ERROR]
    return bool(errors) or "/login/" in response["Location"]


def admitted(response):
    return response.status_code < 500 and not refused(response)


def fetch(client, url):
    """GET, or POST where the view accepts only POST."""
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)
    return response


@pytest.fixture
def school(mentoring_section):
    users = setup_roles()
    site = mentoring_section.get_site()
    objects = {}
    for model in (Order, Regulation, MentoringProgramme, ProgrammeDocument):
        objects[model] = with_history(make_object(model, site), users["secretary"])
    page = mentoring_section.add_child(
        instance=RoadmapPage(title=TITLE, slug="secret", live=False)
    )
    page.save_revision(user=users["director"])
    Workflow.objects.get(name="Утверждение дорожной карты").start(
        page, users["director"]
    )
    return users, objects, page


def grantee_for(obj, username):
    """A staff member holding every object grant on ``obj`` and nothing else."""
    user = make_user(username, "mentor")
    for action in OBJECT_ACTIONS:
        codename = f"{action}_{obj._meta.model_name}"
        if Permission.objects.filter(codename=codename).exists():
            assign_perm(f"{obj._meta.app_label}.{codename}", user, obj)
    return type(user).objects.get(pk=user.pk)


def page_grantee(page, username):
    """Every page permission, on this page alone."""
    user = make_user(username, "mentor")
    group = Group.objects.create(name=f"Все права на странице {page.pk}")
    for permission in Permission.objects.filter(content_type__app_label="wagtailcore"):
        if permission.codename.endswith("_page"):
            GroupPagePermission.objects.create(
                group=group, page=page, permission=permission
            )
    user.groups.add(group)
    return user


def role_holder_for(model, username):
    """Who manages records of ``model`` through a role."""
    user = make_user(username)
    group = Group.objects.create(name=f"Ведёт {model._meta.model_name}")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label=model._meta.app_label,
            codename__in=[f"{a}_{model._meta.model_name}" for a in ("view", "change")],
        ),
    )
    user.groups.add(group)
    return user


def reviewer_of(obj):
    """A member of the groups of the route's current step."""
    group = obj.current_workflow_task.specific.groups.order_by("pk").first()
    reviewer = group.user_set.first()
    if reviewer is None:
        reviewer = make_user("reviewer", is_staff=True)
        reviewer.groups.add(group)
    return reviewer


def unchanged(obj):
    fresh = type(obj).objects.filter(pk=obj.pk).first()
    return fresh is not None and fresh.title == obj.title and fresh.live == obj.live


def check_urls(
    client, urls, obj, page, outsider, grantee, role_holder, ack=None, title=TITLE
):
    problems = []
    for url in urls:
        action_types = [None]
        if "action" in url.kwargs:
            action_types = admin_urls.bulk_action_types(type(obj))
        for action in action_types:
            path = reverse(url.name, kwargs=parameters(url, obj, page, action, ack))
            if "action" in url.kwargs or url.name.endswith("chosen_multiple"):
                path += f"?id={obj.pk}"
            last = url.name.rsplit(":", 1)[-1]
            label = f"{url.name}{'/' + action if action else ''}"
            client.force_login(outsider)
            for method in (client.get, client.post):
                response = method(path)
                if response.status_code == 302 and not refused(response):
                    # A plain redirect (revisions → history): where it leads.
                    response = client.get(response["Location"])
                if response.status_code >= 500:
                    problems.append(f"{label}: {response.status_code} for the outsider")
                elif title in response.content.decode(errors="replace"):
                    problems.append(f"{label}: the outsider sees the object")
                elif (
                    url.kwargs
                    and not refused(response)
                    and last not in MODEL_LEVEL
                    and url.name not in NO_OBJECT_DATA
                ):
                    problems.append(f"{label}: outsider not refused")
            if not unchanged(obj) or not unchanged(page):
                problems.append(f"{label}: the outsider changed the object")
                return problems
            if (
                not url.kwargs
                or last in MODEL_LEVEL
                or url.name in NOT_FOR_THIS_STATE
                or url.name in OWN_JOB_ONLY
            ):
                continue
            if action == "delete":
                continue  # an official record is revoked, never deleted
            if url.name in ROLE_ONLY:
                client.force_login(role_holder)
            elif last in ROUTE_ONLY:
                client.force_login(reviewer_of(obj))
            else:
                client.force_login(grantee)
            response = fetch(client, path)
            if not admitted(response):
                problems.append(
                    f"{label}: refused ({response.status_code}) with the grant"
                )
    return problems


@pytest.mark.parametrize(
    "model", [Order, Regulation, MentoringProgramme, ProgrammeDocument]
)
def test_every_url_of_a_guarded_model(client, school, model):
    users, objects, page = school
    obj = objects[model]
    hook_namespaces = admin_urls.package_hook_namespaces() - NOT_AN_OBJECTS_URL
    urls = admin_urls.urls_in(admin_urls.snippet_namespaces(model) | hook_namespaces)
    urls += [u for u in admin_urls.walk() if u.name == "wagtail_bulk_action"]
    urls = [u for u in urls if "page_id" not in u.kwargs]
    names = {u.name.rsplit(":", 1)[-1] for u in urls}
    assert len(urls) > 30
    # The enumeration found what the issue names, and more.
    assert {"chosen_multiple", "workflow_history_detail", "revoke", "inspect"} <= names
    grantee = grantee_for(obj, "grantee")
    Acknowledgement.require(obj, [grantee], requested_by=users["secretary"])
    ack = Acknowledgement.objects.for_object(obj).get(user=grantee)
    role_holder = role_holder_for(model, "roleholder")
    problems = check_urls(
        client, urls, obj, page, users["mentor"], grantee, role_holder, ack
    )
    assert not problems, "\n".join(problems)


def test_every_url_of_a_package_page(client, school):
    users, objects, page = school
    hook_urls = admin_urls.urls_in(
        admin_urls.package_hook_namespaces() - NOT_AN_OBJECTS_URL
    )
    urls = admin_urls.page_admin_urls() + [
        u for u in hook_urls if "page_id" in u.kwargs
    ]
    assert {"mentoring_sharing:page", "wagtailadmin_pages:workflow_history_detail"} <= {
        u.name for u in urls
    }
    problems = check_urls(
        client,
        urls,
        page,
        page,
        users["mentor"],
        page_grantee(page, "pagegrantee"),
        users["director"],
    )
    assert not problems, "\n".join(problems)


def test_chosen_multiple_returns_nothing_of_other_orders(client, school):
    """The finding: number, date and title of any order by id."""
    users, objects, page = school
    order = objects[Order]
    client.force_login(users["mentor"])
    url = reverse("wagtailsnippetchoosers_mentoring_wagtail_order:chosen_multiple")
    response = client.get(url, {"id": [order.pk, "abc"]})
    assert response.status_code == 200
    assert TITLE not in response.content.decode()
    assert order.number not in response.content.decode() or not order.number


def test_workflow_history_detail_needs_a_right_on_the_object(client, school):
    users, objects, page = school
    regulation = objects[Regulation]
    state = regulation.workflow_states.get()
    url = reverse(
        "wagtailsnippets_mentoring_wagtail_regulation:workflow_history_detail",
        args=[regulation.pk, state.pk],
    )
    # The mentor may edit another regulation, not this one.
    other = make_object(Regulation, regulation.site)
    assign_perm("mentoring_wagtail.change_regulation", users["mentor"], other)
    client.force_login(users["mentor"])
    response = client.get(url)
    assert refused(response) and TITLE not in response.content.decode()


# The optional apps (participants, portfolios, monitoring) --------------------


@pytest.fixture
def school_with_apps(mentoring_section):
    return app_world.build(mentoring_section)


@pytest.mark.parametrize(
    "app",
    [
        pytest.param(
            app,
            marks=pytest.mark.slow(
                reason="every URL of the participants' admin for every role "
                "(about 45 s of CPU): the walk is what proves no URL is missed"
            ),
        )
        if app == "participants"
        else app
        for app in sorted(admin_urls.OPTIONAL_APPS)
    ],
)
def test_every_url_of_an_optional_app(client, school_with_apps, app):
    world = school_with_apps
    urls = [u for u in admin_urls.package_urls() if admin_urls.app_of(u) == app]
    assert urls
    superuser = make_user("root", is_staff=True, is_superuser=True)
    problems = []
    for url in urls:
        problems += app_urls_check.try_url(
            client, world, url, superuser, refused, admitted
        )
    assert not problems, "\n".join(problems)


def test_every_page_url_of_another_mentors_portfolio(client, school_with_apps):
    from mentoring_wagtail.portfolios.models import MentorPortfolioPage

    world = school_with_apps
    page = world.other[MentorPortfolioPage]
    assert page.current_workflow_state is not None
    problems = check_urls(
        client,
        admin_urls.page_admin_urls(),
        page,
        page,
        world.users["mentor"],
        page_grantee(page, "pagegrantee"),
        world.users["director"],
        title=page.title,
    )
    assert not problems, "\n".join(problems)


# Which test tries a URL that is neither an optional app's nor in the core's
# snippet or hook namespaces; a URL found by neither fails the test below.
TRIED_ELSEWHERE = {}
# Hook URLs about no record of the package: tried by their own tests.
NOT_AN_OBJECTS_URL = {
    "mentoring_lockouts",  # axes' login failures: tests/test_login_throttling.py
    "mentoring_background",  # «Фоновые задачи»: tests/background/test_tasks_page.py
}


def test_every_package_url_is_tried():
    namespaces = admin_urls.package_hook_namespaces()
    for model in (Order, Regulation, MentoringProgramme, ProgrammeDocument):
        namespaces |= admin_urls.snippet_namespaces(model)
    core = {u.name for u in admin_urls.urls_in(namespaces)}
    untried = [
        url.name
        for url in admin_urls.package_urls()
        if admin_urls.app_of(url) == "core"
        and url.name not in core
        and url.name not in TRIED_ELSEWHERE
    ]
    assert not untried, f"admin URLs no test tries: {untried}"

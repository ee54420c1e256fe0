"""Trying each admin URL of the optional apps on every user of ``app_world``.

For every URL and every user: no 500; no record's own text (``World.secrets``)
unless the user holds a right on that record by the permission policy the
app registered; nothing a user must never meet (``World.forbidden``); and a
user with no right on the URL's object (or, for a listing, on any object of
its model), or whom the GET refuses, is refused on GET and on POST, with
nothing changed. The superuser is admitted to each URL, so a URL filled
wrongly does not pass unseen.
"""

import itertools

from django.apps import apps
from django.urls import reverse
from wagtail.permissions import policy_registry

from mentoring_wagtail.access.admin.viewset_guard import FLOOR_ACTIONS
from mentoring_wagtail.access.site_scope import site_id_of
from mentoring_wagtail.background.models import BackgroundJob
from mentoring_wagtail.monitoring import scope as monitoring_scope
from mentoring_wagtail.monitoring.admin import views as monitoring_views
from mentoring_wagtail.monitoring.models import MonitoringYear, QuestionnairePage
from mentoring_wagtail.participants.models import Mentee, Person

from . import admin_urls
from .app_world import OPTIONAL_APP_LABELS
from .sessions import sessions_of

OBJECT_KWARGS = ("pk", "page_id")
# The object of a URL its viewset does not name (namespace or name → model).
HOOK_OBJECTS = {
    "mentoring_participants_privacy": Person,
    "mentoring_matching": Mentee,
    "mentoring_monitoring_indicators": MonitoringYear,
    "mentoring_monitoring_export": MonitoringYear,
    "mentoring_monitoring_report": MonitoringYear,
    "mentoring_monitoring_links": QuestionnairePage,
    "mentoring_monitoring_results": QuestionnairePage,
    "mentoring_monitoring_results_export": QuestionnairePage,
    "mentoring_base_exports": BackgroundJob,
}
# Values of the parameters that are not ids; every combination is tried.
VALUES = {
    "base": ("mentors", "mentees"),
    "file_format": ("csv", "xlsx"),
    "fmt": ("csv", "xlsx"),
}
VALUES_BY_URL = {
    "mentoring_participants_privacy:export": {"file_format": ("json", "docx")},
    "mentoring_monitoring_results_export": {"fmt": ("xlsx",)},
    "mentoring_monitoring_region_export": {"fmt": ("xlsx",)},
}
# Who is admitted, where it is not the superuser: a mentor's own screen.
ADMITTED_BY = {"mentoring_portfolios:mine": "mentor"}
MONITORING_PERMISSIONS = (
    monitoring_views.VIEW_YEAR,
    monitoring_views.ISSUE_LINKS,
    monitoring_views.VIEW_ANSWERS,
)


def model_of(url):
    namespace = url.name.split(":", 1)[0]
    viewset = admin_urls.package_viewsets().get(namespace)
    model = getattr(viewset, "model", None)
    if isinstance(model, type):
        return model
    return HOOK_OBJECTS.get(namespace)


def has_right(user, record):
    """Some right on ``record`` by the policy the admin asks (or the role)."""
    if isinstance(record, QuestionnairePage):
        # Links and answers are the monitoring roles' (one model permission),
        # in the schools the role covers (``monitoring.scope``).
        site_id = site_id_of(record)
        for permission in MONITORING_PERMISSIONS:
            sites = monitoring_scope.sites_for(user, permission)
            if user.has_perm(permission) and (sites is None or site_id in sites):
                return True
        return False
    policy = policy_registry.get_by_type(type(record))
    return policy.user_has_any_permission_for_instance(user, FLOOR_ACTIONS, record)


def has_model_right(user, model):
    if model is None:
        return True
    if model is QuestionnairePage:
        return any(user.has_perm(p) for p in MONITORING_PERMISSIONS)
    policy = policy_registry.get_by_type(model)
    return policy.user_has_any_permission(user, FLOOR_ACTIONS)


def fillings(url, obj):
    """Every set of values for the URL's parameters; fails on an unknown one."""
    values = {**VALUES, **VALUES_BY_URL.get(url.name, {})}
    choices = []
    for name in url.kwargs:
        if name in OBJECT_KWARGS:
            assert obj is not None, f"{url}: which object? teach HOOK_OBJECTS"
            choices.append([obj.pk])
        else:
            assert name in values, f"{url}: no value for {name}; teach VALUES"
            choices.append(values[name])
    for combination in itertools.product(*choices):
        yield dict(zip(url.kwargs, combination, strict=True))


def _snapshot_queries(connection):
    """Each model's query of ``snapshot``, compiled to SQL once per database."""
    compiled = _SNAPSHOT_SQL.get(connection.alias)
    if compiled is None:
        compiled = []
        for label in OPTIONAL_APP_LABELS:
            for model in apps.get_app_config(label).get_models():
                fields = [
                    f.attname
                    for f in model._meta.concrete_fields
                    if f.name not in ("latest_revision_created_at", "last_published_at")
                ]
                query = model._default_manager.order_by("pk").values(*fields).query
                sql, params = query.get_compiler(connection.alias).as_sql()
                compiled.append((model, sql, params))
        _SNAPSHOT_SQL[connection.alias] = compiled
    return compiled


_SNAPSHOT_SQL = {}


def snapshot():
    """Every row of the optional apps, to see that a refused request changed nothing.

    The rows as the database returns them (the same columns, in the same
    order, as ``values()`` of each model ordered by pk): a change of any
    value changes a row, so comparing two snapshots is as strict as
    comparing the models' values, and the queries are compiled once.
    """
    from django.db import connection

    rows = {}
    with connection.cursor() as cursor:
        for model, sql, params in _snapshot_queries(connection):
            cursor.execute(sql, params)
            rows[model] = cursor.fetchall()
    return rows


def leaks(world, username, user, text):
    found = []
    for secret, record in world.secrets:
        if secret in text and not has_right(user, record):
            found.append(f"{type(record).__name__} {record.pk} ({secret})")
    for name, why in world.forbidden.get(username, ()):
        if name in text:
            found.append(f"{why} ({name})")
    return found


def body(response):
    if response.streaming:  # a listing's export
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def personal_data_shown(world, text):
    """A person's own data (their phone) is in ``text``."""
    return any(
        secret in text and isinstance(record, Person)
        for secret, record in world.secrets
    )


def log_entries(user):
    from wagtail.models import ModelLogEntry

    return ModelLogEntry.objects.filter(user_id=user.pk).count()


def queries(url, world):
    """The URL as is, as the listing's export where the viewset has one, and
    a chooser's ``chosen_multiple`` asked for the other mentor's record."""
    viewset = admin_urls.package_viewsets().get(url.name.split(":", 1)[0])
    exports = getattr(viewset, "list_export", None)
    if url.name.endswith(":index") and isinstance(exports, list | tuple) and exports:
        return ("", "?export=csv", "?export=xlsx")
    if url.name.endswith(":chosen_multiple"):
        record = world.other.get(model_of(url))
        assert record is not None, f"{url}: which records? teach app_world"
        return (f"?id={record.pk}",)
    return ("",)


def try_url(client, world, url, superuser, refused, admitted):
    model = model_of(url)
    obj = world.other.get(model) if model else None
    if not set(OBJECT_KWARGS) & set(url.kwargs):
        obj = None
    problems = []
    client.raise_request_exception = False  # a 500 is a finding, not a stop
    fills = [(k, q) for k in fillings(url, obj) for q in queries(url, world)]
    # The rows as they stand, when known: the snapshot taken after a refused
    # request (which must have changed nothing) is the state the next request
    # starts from; after an admitted request it is taken anew.
    state = None
    sessions = sessions_of(client)
    for kwargs, query in fills:
        path = reverse(url.name, kwargs=kwargs) + query
        label = f"{url.name}{query} {kwargs}"
        for username, user in world.users.items():
            may = (
                has_right(user, obj)
                if obj is not None
                else has_model_right(user, model)
            )
            sessions.sign_in(user)
            before = state if state is not None else snapshot()
            state = None
            for method in (client.get, client.post):
                logged = log_entries(user)
                response = method(path)
                sessions.check(response, user)
                where = f"{label} {method.__name__.upper()} by {username}"
                if response.status_code >= 500:
                    problems.append(f"{where}: {response.status_code}")
                    break
                text = body(response)
                problems += [
                    f"{where} shows {leak}"
                    for leak in leaks(world, username, user, text)
                ]
                if not may and not refused(response):
                    problems.append(f"{where}: not refused ({response.status_code})")
                if personal_data_shown(world, text) and log_entries(user) == logged:
                    problems.append(f"{where}: personal data shown, not logged")
                # Whoever the screen refuses, the server refuses too: a POST
                # is tried (and must be refused) unless the GET was admitted.
                may = may and not (refused(response) and response.status_code != 405)
                if may:
                    break
            if not may:
                state = snapshot()
                if state != before:
                    problems.append(f"{label}: {username} changed data")
        admitted_user = world.users.get(ADMITTED_BY.get(url.name), superuser)
        sessions.sign_in(admitted_user)
        state = None  # the admitted request may change rows
        response = client.get(path)
        sessions.check(response, admitted_user)
        if response.status_code == 405:
            response = client.post(path)
            sessions.check(response, admitted_user)
        if not admitted(response):
            problems.append(f"{label}: {admitted_user} got {response.status_code}")
    return problems

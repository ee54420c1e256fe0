"""Two schools: every admin URL of the core and of monitoring, on the other school's objects.

``test_two_schools`` walks the participants' and portfolios' admin. Here each
school also has its own orders, regulations, programmes and programme
documents (one of each guarded model, published, then a draft sent along its
route), a roadmap page on its approval route, an acknowledgement, a
monitoring year, a questionnaire with issued links and an answer; every title
and text carries a string planted for its school. Every admin URL of the
core (snippet views and choosers of every guarded model, bulk actions, the
package's own hook URLs: signatures, sign-off, familiarisation, sharing,
roadmap) and of monitoring is reversed with school B's object and tried, GET
and POST, by each of school A's per-site roles: no 500, no planted string of
B, refused wherever it names B's object, nothing changed. Then the same for
B against A.

School A's *plain* roles (the groups without a site mark) cover every school
by design (docs/features/school-scope.md): they are walked too, and they are
admitted to school B's records where their role holds the right.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Workflow

from mentoring_wagtail.access.site_scope import may
from mentoring_wagtail.access.staff_roles import get_role
from mentoring_wagtail.models import Acknowledgement, MentoringIndexPage, RoadmapPage
from mentoring_wagtail.monitoring.models import MonitoringYear, QuestionnairePage
from mentoring_wagtail.monitoring.tokens import issue_links
from mentoring_wagtail.participants.models import MentoringGroup
from mentoring_wagtail.setup.steps import (
    _grant_role,
    get_documents_collection,
    run_setup,
)

from ..approvals_support import make_user
from ..documents_support import publish_obj
from ..module_state import add_mentoring_section, module_db_state, start_from
from ..monitoring.support import make_questionnaire
from . import admin_urls, app_urls_check
from .app_world import secret
from .sessions import sessions_of
from .test_every_admin_url import (
    MODEL_LEVEL,
    NO_OBJECT_DATA,
    NOT_AN_OBJECTS_URL,
    make_object,
    parameters,
    refused,
)
from .test_two_schools import (
    STAFF,
    fresh_school,
    make_schools,
    names_of,
    secrets_of,
)

pytestmark = pytest.mark.django_db

FLOOR_ACTIONS = ("view", "change", "publish", "delete")


def _planted(school, word):
    text = secret(f"Плант{school.letter.upper()}-{word}-")
    school.planted.append(text)
    return text


def _on_its_route(obj, title, user):
    """Published once, then a draft sent along its route (as in the one-school walk)."""
    obj.title = title
    obj.save()
    publish_obj(obj)
    obj.title = title + " (правка)"
    obj.save_revision(user=user)
    workflow = obj.get_workflow() or Workflow.objects.filter(active=True).first()
    workflow.start(obj, user)
    obj.refresh_from_db()
    return obj


def _core_records(school):
    secretary = school.users["secretary"]
    school.core = {}
    for model in admin_urls.guarded_snippet_models():
        obj = make_object(model, school.site)
        title = _planted(school, model._meta.model_name)
        school.core[model] = _on_its_route(obj, title, secretary)
    director = school.users["director"]
    page = school.section.add_child(
        instance=RoadmapPage(
            title=_planted(school, "roadmap"), slug="roadmap", live=False
        )
    )
    page.save_revision(user=director)
    Workflow.objects.get(name="Утверждение дорожной карты").start(page, director)
    page.refresh_from_db()
    school.page = page
    order = next(o for m, o in school.core.items() if m.__name__ == "Order")
    Acknowledgement.require(order, [school.users["mentor"]], requested_by=secretary)
    school.ack = Acknowledgement.objects.for_object(order).get()


def _monitoring_records(school):
    world = school.world
    year = MonitoringYear.objects.create(
        site=school.site,
        academic_year="2025/2026",
        conclusions=_planted(school, "conclusions"),
    )
    questionnaire = make_questionnaire(
        school.section,
        year="2025/2026",
        title=_planted(school, "questionnaire"),
        slug=f"anketa-{school.letter}",
    )
    group = world.own[MentoringGroup]
    issue_links(questionnaire, [group])
    world.secrets.append((year.conclusions, year))
    for side in (world.own, world.other):
        side[MonitoringYear] = year
        side[QuestionnairePage] = questionnaire


def _plain_roles():
    """The groups without a site mark, as a single-school installation had them."""
    sections = list(MentoringIndexPage.objects.all())
    collection = get_documents_collection()
    users = {}
    for key in STAFF:
        role = get_role(key)
        group, _created = Group.objects.get_or_create(name=role.name)
        _grant_role(group, role, sections, collection)
        user = make_user(f"plain_{key}")
        user.groups.add(group)
        users[key] = user
    run_setup()  # the apps' rights too, for every group of a role
    return users


def build_two_schools():
    a, b = make_schools(add_mentoring_section())
    for school in (a, b):
        school.planted = []
        _core_records(school)
        _monitoring_records(school)
    a.plain = _plain_roles()
    return a, b


# Built once for the module; each test starts from its rows, with fresh copies.
_two_schools = module_db_state(build_two_schools)


@pytest.fixture
def two_schools(_two_schools, db, media_root):
    return tuple(
        fresh_school(school) for school in start_from(_two_schools, media_root)
    )


def core_object_urls(model):
    hooks = admin_urls.package_hook_namespaces() - NOT_AN_OBJECTS_URL
    urls = admin_urls.urls_in(admin_urls.snippet_namespaces(model) | hooks)
    urls += [u for u in admin_urls.walk() if u.name == "wagtail_bulk_action"]
    return [u for u in urls if "page_id" not in u.kwargs]


def core_page_urls():
    hooks = admin_urls.package_hook_namespaces() - NOT_AN_OBJECTS_URL
    hook_urls = [u for u in admin_urls.urls_in(hooks) if "page_id" in u.kwargs]
    return admin_urls.page_admin_urls() + hook_urls


def _paths(url, obj, page, ack):
    action_types = [None]
    if "action" in url.kwargs:
        action_types = admin_urls.bulk_action_types(type(obj))
    for action in action_types:
        path = reverse(url.name, kwargs=parameters(url, obj, page, action, ack))
        if "action" in url.kwargs or url.name.endswith("chosen_multiple"):
            path += f"?id={obj.pk}"
        yield f"{url.name}{'/' + action if action else ''}", path


def _text(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _state(obj):
    fresh = type(obj).objects.filter(pk=obj.pk).first()
    return fresh and (fresh.title, fresh.live, fresh.has_unpublished_changes)


def walk(client, urls, obj, page, owner, users, ack):
    """Try every URL on ``owner``'s object by each of ``users``; the findings."""
    client.raise_request_exception = False
    forbidden = owner.planted + [name for name, _why in names_of(owner)]
    problems = []
    sessions = sessions_of(client)
    for url in urls:
        last = url.name.rsplit(":", 1)[-1]
        for label, path in _paths(url, obj, page, ack):
            before = (_state(obj), _state(page))
            for username, user in users.items():
                sessions.sign_in(user)
                for method in (client.get, client.post):
                    response = method(path)
                    sessions.check(response, user)
                    if response.status_code == 302 and not refused(response):
                        response = client.get(response["Location"])
                        sessions.check(response, user)
                    where = f"{label} {method.__name__.upper()} by {username}"
                    if response.status_code >= 500:
                        problems.append(f"{where}: {response.status_code}")
                        continue
                    text = _text(response)
                    problems += [f"{where} shows «{s}»" for s in forbidden if s in text]
                    if (
                        url.kwargs
                        and last not in MODEL_LEVEL
                        and url.name not in NO_OBJECT_DATA
                        and not refused(response)
                    ):
                        problems.append(f"{where}: not refused")
            if (_state(obj), _state(page)) != before:
                problems.append(f"{label}: a user of the other school changed it")
    return problems


def _reader_and_owner(two_schools, direction):
    a, b = two_schools
    return (a, b) if direction == "a_reads_b" else (b, a)


def _staff(school):
    return {f"{key}_{school.letter}": school.users[key] for key in (*STAFF, "mentor")}


DIRECTIONS = ["a_reads_b", "b_reads_a"]
SLOW = pytest.mark.slow(reason="every core admin URL, for every role of a school")


def test_the_walk_covers_every_guarded_model_and_every_core_url(two_schools):
    """A guarded model added later gets objects in both schools, or this fails;
    every core admin URL is one of the walked ones."""
    a, _b = two_schools
    assert set(a.core) == set(admin_urls.guarded_snippet_models())
    walked = {u.name for u in core_page_urls()}
    for model in a.core:
        walked |= {u.name for u in core_object_urls(model)}
    core = {
        u.name
        for u in admin_urls.package_urls()
        if admin_urls.app_of(u) == "core"
        and u.name.split(":", 1)[0] not in NOT_AN_OBJECTS_URL
    }
    assert core <= walked, sorted(core - walked)


@SLOW
@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize(
    "model_name", ["Order", "Regulation", "MentoringProgramme", "ProgrammeDocument"]
)
def test_no_core_url_of_a_record_shows_the_other_school(
    client, two_schools, direction, model_name
):
    reader, owner = _reader_and_owner(two_schools, direction)
    obj = next(o for m, o in owner.core.items() if m.__name__ == model_name)
    problems = walk(
        client,
        core_object_urls(type(obj)),
        obj,
        owner.page,
        owner,
        _staff(reader),
        owner.ack,
    )
    assert not problems, "\n".join(problems)


@SLOW
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_no_page_url_of_a_roadmap_shows_the_other_school(
    client, two_schools, direction
):
    reader, owner = _reader_and_owner(two_schools, direction)
    problems = walk(
        client,
        core_page_urls(),
        owner.page,
        owner.page,
        owner,
        _staff(reader),
        owner.ack,
    )
    assert not problems, "\n".join(problems)


@SLOW
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_no_monitoring_url_shows_the_other_school(client, two_schools, direction):
    reader, owner = _reader_and_owner(two_schools, direction)
    world = owner.world
    world.users = {key: reader.users[key] for key in (*STAFF, "mentor")}
    forbidden = (
        names_of(owner)
        + secrets_of(owner)
        + [(text, "a planted text of the other school") for text in owner.planted]
    )
    world.forbidden = dict.fromkeys(world.users, forbidden)
    superuser = make_user("root", is_staff=True, is_superuser=True)
    problems = []
    for url in admin_urls.package_urls():
        if admin_urls.app_of(url) != "monitoring":
            continue
        problems += app_urls_check.try_url(
            client, world, url, superuser, refused, lambda r: r.status_code < 500
        )
    assert not problems, "\n".join(problems)


def test_plain_roles_cover_the_other_school_as_documented(client, two_schools):
    """A plain role sees school B's records where its role holds the right:
    listings, the record's own screen and monitoring alike; one check decides
    (the screen agrees with the policy)."""
    a, b = two_schools
    client.raise_request_exception = False
    covered = []
    for key, user in a.plain.items():
        client.force_login(user)
        for model, obj in b.core.items():
            viewset = model.snippet_viewset
            allowed = may(user, FLOOR_ACTIONS, obj)
            listing = client.get(reverse(viewset.get_url_name("list")))
            assert listing.status_code < 500
            title = obj.title.removesuffix(" (правка)")
            if allowed:
                covered.append((key, model.__name__))
                assert listing.status_code == 200, (key, model)
                assert title in listing.content.decode(), (key, model)
            for name in ("edit", "inspect"):
                try:
                    url = reverse(viewset.get_url_name(name), args=[obj.pk])
                except Exception:  # noqa: BLE001, S112 - the viewset has no such view
                    continue
                response = client.get(url)
                assert response.status_code < 500, (key, url)
                if allowed and name == "edit" and may(user, ("change",), obj):
                    assert response.status_code == 200, (key, url)
                if not allowed:
                    assert refused(response), (key, url)
    # The roles that keep the official records reach the other school's.
    assert {("secretary", "Order"), ("director", "Order")} <= set(covered), covered
    # Monitoring: the year of school B, by the same rule.
    year = b.world.own[MonitoringYear]
    url = reverse("mentoring_monitoring_years:edit", args=[year.pk])
    readers = []
    for key, user in a.plain.items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code < 500, key
        if may(user, ("change",), year):
            readers.append(key)
            assert year.conclusions in response.content.decode(), key
        elif not may(user, FLOOR_ACTIONS, year):
            assert refused(response), key
    assert "curator" in readers, readers


def test_history_of_the_other_schools_official_records_is_refused(client, two_schools):
    """An order's history and the site history report: nothing of school B."""
    from wagtail.log_actions import log

    a, b = two_schools
    order_b = next(o for m, o in b.core.items() if m.__name__ == "Order")
    order_a = next(o for m, o in a.core.items() if m.__name__ == "Order")
    log(order_b, "wagtail.edit", user=b.users["secretary"])
    log(order_a, "wagtail.edit", user=a.users["secretary"])
    viewset = type(order_b).snippet_viewset
    client.force_login(a.users["secretary"])
    response = client.get(reverse(viewset.get_url_name("history"), args=[order_b.pk]))
    assert refused(response)
    assert order_b.title not in response.content.decode()
    own = client.get(reverse(viewset.get_url_name("history"), args=[order_a.pk]))
    assert own.status_code == 200
    report = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert not [s for s in b.planted if s in report]
    assert order_a.title.removesuffix(" (правка)") in report

"""Every admin page of the core speaks Russian, to every role.

The registry's four kinds of official documents and a roadmap on its route,
with the hook screens, opened by every role of one school; the walk and its
checks are those of ``test_admin_speaks_russian`` (a module of its own: its
school is built once for its tests, beside the apps' world of the other).
Issue 25, item 11.
"""

import pytest
from django.test import override_settings
from django.urls import reverse

from ..module_state import add_mentoring_section, fresh_all, module_db_state, start_from
from . import admin_urls
from .test_admin_speaks_russian import WORLD_DATA, _walk

pytestmark = pytest.mark.django_db


# The core: the registry's four kinds of documents, the roadmap's pages, and
# the hook screens (familiarisation, sharing, signatures, sign-off, lockouts,
# the Word import) filled with real records of one school, as every role.

CORE_MODELS = ("Order", "Regulation", "MentoringProgramme", "ProgrammeDocument")


def build_school():
    """One school's roles, a superuser and a roadmap on its route, once for
    the module."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Workflow

    from mentoring_wagtail.models import RoadmapPage
    from tests.approvals_support import setup_roles

    from .test_every_admin_url import TITLE

    with override_settings(LANGUAGE_CODE="ru"):
        mentoring_section = add_mentoring_section()
        users = setup_roles()
        users["root"] = get_user_model().objects.create_superuser(
            "root", "root@example.org", "x"
        )
        page = mentoring_section.add_child(
            instance=RoadmapPage(title=TITLE, slug="roadmap", live=False)
        )
        page.save_revision(user=users["curator"])
        Workflow.objects.get(name="Утверждение дорожной карты").start(
            page, users["curator"]
        )
        page.refresh_from_db()
    return users, page


# Built once for the module; each test starts from it (tests/module_state.py).
_school = module_db_state(build_school)


@pytest.fixture
def core_school(_school, db, media_root, settings):
    settings.LANGUAGE_CODE = "ru"
    return fresh_all(start_from(_school, media_root))


def _core_paths(urls, obj, page):
    from .test_every_admin_url import parameters

    paths = []
    for url in urls:
        if "action" in url.kwargs:
            continue  # Wagtail's bulk actions: their own confirmation pages
        ack = None
        if url.name == "mentoring_familiarisation:acknowledge":
            from mentoring_wagtail.models import Acknowledgement

            ack = Acknowledgement.objects.for_object(obj).first()
            if ack is None:
                continue
        try:
            kwargs = parameters(url, obj, page, None, ack)
        except AssertionError:
            continue  # a parameter the walk cannot fill: tried by the access walk
        paths.append(reverse(url.name, kwargs=kwargs))
    return paths


def _core_allowed(users):
    names = set(WORLD_DATA) | {"secret", "roadmap"}
    for user in users.values():
        names |= {user.username, user.first_name, user.last_name}
    return {n for n in names if n}


@pytest.mark.slow(
    reason="every screen of one kind of official document (listing, forms, "
    "history, revisions, route, sharing, signatures) for every role"
)
@pytest.mark.parametrize("model_name", CORE_MODELS)
def test_every_page_of_the_core_registry_is_russian(client, core_school, model_name):
    from django.apps import apps

    from mentoring_wagtail.models import Acknowledgement

    from .test_every_admin_url import make_object, with_history

    users, page = core_school
    model = apps.get_model("mentoring_wagtail", model_name)
    site = page.get_site()
    obj = make_object(model, site)
    if obj.get_workflow() is None:
        # Without a route of its own, the access walk's history would send it
        # along Wagtail's «Moderators approval» (the first active one), which
        # no school's document follows: the package's route instead.
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Workflow, WorkflowContentType

        WorkflowContentType.objects.create(
            content_type=ContentType.objects.get_for_model(model),
            workflow=Workflow.objects.get(name="Публикация материалов наставничества"),
        )
    obj = with_history(obj, users["secretary"])
    Acknowledgement.require(obj, [users["mentor"]], requested_by=users["secretary"])
    client.raise_request_exception = False
    namespaces = admin_urls.snippet_namespaces(model)
    namespaces |= admin_urls.package_hook_namespaces()
    urls = [
        url for url in admin_urls.urls_in(namespaces) if "page_id" not in url.kwargs
    ]
    paths = sorted(set(_core_paths(urls, obj, page)))
    assert len(paths) > 25
    found = _walk(client, _World(users), paths, _core_allowed(users))
    assert not found, "\n".join(found)


@pytest.mark.slow(
    reason="every screen Wagtail and the package show for a roadmap on its "
    "route, for every role"
)
def test_every_page_of_a_roadmap_is_russian(client, core_school):
    users, page = core_school
    client.raise_request_exception = False
    hook_urls = [
        url
        for url in admin_urls.urls_in(admin_urls.package_hook_namespaces())
        if "page_id" in url.kwargs
    ]
    urls = admin_urls.page_admin_urls() + hook_urls
    paths = sorted(set(_core_paths(urls, page, page)))
    # A large import's page while it is read, and with the file refused
    # (only its starter, the curator, is shown it).
    from tests.roadmaps.import_steps import import_job

    parent = page.get_parent()
    reading = import_job(users["curator"], parent)
    refused = import_job(
        users["curator"], parent, "done", {"error": "Файл не является документом"}
    )
    paths += [
        reverse("mentoring_roadmap:import_job", args=[reading.pk]),
        reverse("mentoring_roadmap:import_job", args=[refused.pk]),
        reverse("wagtailadmin_home"),  # the dashboard's panels of the package
        reverse("mentoring_roadmap:import"),
        reverse("mentoring_lockouts:index"),
        reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
    ]
    found = _walk(client, _World(users), paths, _core_allowed(users))
    assert not found, "\n".join(found)


class _World:
    def __init__(self, users):
        self.users = users

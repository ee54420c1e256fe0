"""Rows built once for a test module, which each of its tests starts from.

``mentoring_setup`` (roles, routes, the collection, the drafted ПЭП
regulation) costs about a second of CPU; a module of 246 parametrized cases
that ran it per test spent four minutes on it. ``module_db_state(build)``
makes a module-scoped fixture that runs ``build()`` once inside a
transaction opened for the module; each test's own transaction is a
savepoint inside it (pytest-django's usual rollback), so every test starts
from exactly the rows ``build()`` left, whatever the tests before it did, and
the module's transaction is rolled back after its last test: the next module
gets the empty database as before.

Only for modules whose tests all run in a transaction (no
``transaction=True``, no ``live_server``: a flush inside the module's
transaction would empty it); ``build`` refuses to run otherwise. Python
objects built once are shared: hand tests fresh copies from the database
(``fresh``), since a page's ``numchild`` or a user's permission cache kept in
memory would outlive the rollback. Files ``build()`` wrote (the regulation's
Word file) are copied into each test's own ``MEDIA_ROOT``.
"""

import shutil

import pytest
from django.db import models, transaction
from django.test import override_settings


class ModuleState:
    def __init__(self, value, media):
        self.value = value
        self.media = media


def module_db_state(build):
    """A module-scoped fixture: ``build()``'s rows kept for the whole module."""

    @pytest.fixture(scope="module")
    def fixture(request, django_db_setup, django_db_blocker, tmp_path_factory):
        for item in request.session.items:
            if item.module is not request.module:
                continue
            marker = item.get_closest_marker("django_db")
            if "live_server" in item.fixturenames or (
                marker is not None and marker.kwargs.get("transaction")
            ):
                pytest.fail(
                    f"{item.nodeid} flushes the database: it cannot share "
                    "rows built for its module (tests/module_state.py)"
                )
        media = tmp_path_factory.mktemp("module-media")
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                with override_settings(MEDIA_ROOT=media):
                    value = build()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        yield ModuleState(value, media)
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

    return fixture


def start_from(state, media_root):
    """Give this test the module's files (its rows it has already)."""
    if any(state.media.iterdir()):
        shutil.copytree(state.media, media_root, dirs_exist_ok=True)
    return state.value


def fresh(obj):
    """``obj`` read again from the database (its specific class for a page)."""
    return type(obj)._default_manager.get(pk=obj.pk)


def fresh_all(value):
    """``value`` with every model instance in it (in dicts, lists, tuples)
    read again from the database."""
    if isinstance(value, models.Model):
        return fresh(value)
    if isinstance(value, dict):
        return {key: fresh_all(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(fresh_all(item) for item in value)
    return value


def add_mentoring_section():
    """What conftest's ``mentoring_section`` makes: a published «Наставничество»
    section under the default site's home page."""
    from wagtail.models import Site

    from mentoring_wagtail.models import MentoringIndexPage

    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )


def section_and_roles():
    """The section (``add_mentoring_section``) and one user per role
    (``setup_roles``): what most admin tests start from."""
    from tests.approvals_support import setup_roles

    return add_mentoring_section(), setup_roles()


def built_once(build=section_and_roles):
    """The fixtures of a module whose rows ``build()`` makes once: ``_built``
    (the module's, from ``module_db_state``), ``built`` (this test's fresh
    copies of what ``build()`` returned, with the module's files), and its
    first two items as ``mentoring_section`` and ``users``::

        _built, built, mentoring_section, users = built_once()

    ``build`` returns ``(section, users, ...)``; the default builds the
    section and the roles. Pytest finds a fixture under the name it is
    assigned to, so keep those four names (``built`` asks for ``_built``).
    """
    module_state = module_db_state(build)

    @pytest.fixture
    def built(_built, db, media_root):
        return fresh_all(start_from(_built, media_root))

    @pytest.fixture
    def mentoring_section(built):
        return built[0]

    @pytest.fixture
    def users(built):
        return built[1]

    return module_state, built, mentoring_section, users

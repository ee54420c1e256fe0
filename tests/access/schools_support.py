"""Two schools (sites with a «Наставничество» section each, roles per site)
built once for a test module (tests/module_state.py)."""

from types import SimpleNamespace

import pytest
from django.db import models
from wagtail.models import Page, Site

from mentoring_wagtail.models import MentoringIndexPage
from mentoring_wagtail.setup.steps import run_setup

from ..approvals_support import ROLE_KEYS, make_user
from ..documents_support import make_site_tree, root_page
from ..module_state import fresh, fresh_all, module_db_state, start_from


def add_school(title, slug, hostname):
    home = root_page().add_child(instance=Page(title=title, slug=slug))
    site = Site.objects.create(hostname=hostname, root_page=home, site_name=title)
    section = home.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )
    return site, section


def build_schools():
    """School A (the default site, «Школа № 7») and school B («Школа № 2»),
    ``mentoring_setup`` run, and one user per role in each school."""
    site_a, section_a, _registry = make_site_tree()
    site_a.site_name = "Школа № 7"
    site_a.save()
    site_b, section_b = add_school("Школа № 2", "school-2", "school2.example")
    run_setup()
    a = SimpleNamespace(site=site_a, section=section_a, users={})
    b = SimpleNamespace(site=site_b, section=section_b, users={})
    for letter, school in (("a", a), ("b", b)):
        for key in ROLE_KEYS:
            school.users[key] = make_user(f"{key}_{letter}", key, site=school.site)
    return a, b


def fresh_school(school):
    """A new namespace with every model instance in ``school`` read again."""
    return SimpleNamespace(
        **{
            name: fresh(value) if isinstance(value, models.Model) else fresh_all(value)
            for name, value in vars(school).items()
        }
    )


def fresh_value(value):
    if isinstance(value, SimpleNamespace):
        return fresh_school(value)
    if isinstance(value, (list, tuple)):
        return type(value)(fresh_value(item) for item in value)
    return fresh_all(value)


def built_once(build=build_schools):
    """``_schools`` (the module's rows, built once by ``build``) and ``schools``
    (this test's fresh copies, with the module's files)::

        _schools, schools = built_once()

    Keep both names: pytest finds a fixture under the name it is assigned to.
    """
    state = module_db_state(build)

    @pytest.fixture
    def schools(_schools, db, media_root):
        return fresh_value(start_from(_schools, media_root))

    return state, schools

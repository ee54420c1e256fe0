"""The demo school, loaded once for each test module of the public pages.

Every test here reads the demo (and changes it only inside its own
transaction), so the load (about 4 s of CPU) runs once per module
(tests/module_state.py): each test starts from exactly the rows and files the
load left, whatever the tests before it changed.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Site

from tests.module_state import module_db_state, start_from


def load_demo_school():
    call_command("load_demo_school", stdout=StringIO())


_demo_school = module_db_state(load_demo_school)


@pytest.fixture
def demo_site(_demo_school, db, media_root):
    """The demo school loaded into the test database; returns its site."""
    start_from(_demo_school, media_root)
    return Site.objects.get(is_default_site=True)

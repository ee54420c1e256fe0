from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Site


@pytest.fixture
def demo_site(db):
    """The demo school loaded into the test database; returns its site."""
    call_command("load_demo_school", stdout=StringIO())
    return Site.objects.get(is_default_site=True)

"""A site that swapped Wagtail's base page model can install the package.

Runs in a subprocess with its own settings (``WAGTAIL_PAGE_MODEL`` is fixed
for the life of a process and its database).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
from wagtail.test.basepage.models import BasePage
from mentoring_wagtail.models import MentoringIndexPage, RoadmapPage

root = BasePage.get_first_root_node()
section = root.add_child(
    instance=MentoringIndexPage(title="Наставничество", slug="m", importance="high")
)
section = MentoringIndexPage.objects.get(pk=section.pk)
print("inherits:", isinstance(section, BasePage))
print("site field:", section.importance)
print("roadmap allowed:", RoadmapPage.can_create_at(section))
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings_swapped_page",
        "SWAPPED_PAGE_DB": str(tmp_path_factory.mktemp("swapped") / "db.sqlite3"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
    }
    env.pop("MENTORING_DB", None)

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "django", *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )

    return run


@pytest.fixture(scope="module")
def migrated(run):
    """The package's migrations applied once to the swapped project's fresh
    database (the costly part: about 20 s of CPU); both tests look at it."""
    return run("migrate", "--noinput")


def test_package_migrates_and_checks_on_a_swapped_base_page(run, migrated):
    assert migrated.returncode == 0, migrated.stderr
    assert run("check").returncode == 0
    pending = run("makemigrations", "--check", "--dry-run", "mentoring_wagtail")
    assert pending.returncode == 0, pending.stdout


def test_mentoring_pages_inherit_the_sites_base_page(run, migrated):
    assert migrated.returncode == 0, migrated.stderr
    result = run("shell", "-c", SCRIPT)
    assert result.returncode == 0, result.stderr
    assert "inherits: True" in result.stdout
    assert "site field: high" in result.stdout
    assert "roadmap allowed: True" in result.stdout

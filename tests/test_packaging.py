"""The wheel a school installs carries everything the package needs at run time."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=600,
    )
    (wheel,) = out.glob("mentoring_wagtail-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_carries_migrations_templates_static_and_translations(wheel_names):
    expected = [
        "mentoring_wagtail/migrations/0001_initial.py",
        "mentoring_wagtail/templates/mentoring_wagtail/mentoring_index_page.html",
        "mentoring_wagtail/static/mentoring_wagtail/css/mentoring.css",
        "mentoring_wagtail/locale/ru/LC_MESSAGES/django.po",
        "mentoring_wagtail/locale/ru/LC_MESSAGES/django.mo",
    ]
    for name in expected:
        assert name in wheel_names


def test_wheel_carries_every_word_template(wheel_names):
    templates = sorted(path.name for path in (ROOT / "templates").glob("*.docx"))
    assert templates, "the repository ships Word templates"
    for name in templates:
        assert f"mentoring_wagtail/word_templates/{name}" in wheel_names


def test_wheel_leaves_out_the_example_site_and_tests(wheel_names):
    assert not any(
        name.startswith(("example_site/", "tests/", "fixtures/"))
        for name in wheel_names
    )

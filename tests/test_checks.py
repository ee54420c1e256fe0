"""Each missing piece of the installation gets its own numbered check message.

``manage.py check`` runs in a subprocess, as a web admin runs it, so a missing
app shows up as a message and never as a traceback.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_check(missing):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings_misconfigured",
        "MENTORING_MISCONFIGURE": missing,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
    }
    env.pop("MENTORING_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "django", "check"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_complete_installation_passes():
    result = run_check("")
    assert result.returncode == 0, result.stderr
    assert "mentoring_wagtail." not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("missing", "check_id", "fix"),
    [
        ("guardian_app", "mentoring_wagtail.E001", "'guardian'"),
        (
            "guardian_backend",
            "mentoring_wagtail.E002",
            "guardian.backends.ObjectPermissionBackend",
        ),
        ("settings_app", "mentoring_wagtail.E003", "'wagtail.contrib.settings'"),
        ("contrib_postgres", "mentoring_wagtail.E004", "'django.contrib.postgres'"),
    ],
)
def test_missing_piece_is_an_error_naming_the_fix(missing, check_id, fix):
    result = run_check(missing)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert check_id in output
    assert fix in output


def test_serve_method_that_bypasses_privacy_is_a_warning():
    result = run_check("serve_method")
    output = result.stdout + result.stderr
    assert "mentoring_wagtail.W001" in output
    assert "serve_view" in output


def test_a_per_process_cache_is_a_warning():
    result = run_check("shared_cache")
    output = result.stdout + result.stderr
    assert "mentoring_wagtail.W004" in output
    assert "LocMemCache" in output
    assert "PUBLIC_PAGE_CACHE_TIMEOUT" in output

"""The core never imports the optional apps (participants and what builds on it)
and works without them."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "mentoring_wagtail"
WITHOUT = "tests.settings_without_participants"


OPTIONAL_APPS = {
    "participants": "mentoring_participants",
    "portfolios": "mentoring_portfolios",
    "monitoring": "mentoring_monitoring",
}


def core_modules():
    for path in PACKAGE.rglob("*.py"):
        if OPTIONAL_APPS.keys() & set(path.relative_to(PACKAGE).parts):
            continue
        yield path


def imported_names(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in (
            "import_module",
            "__import__",
        ):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield arg.value


def test_no_core_module_imports_an_optional_app():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in core_modules()
        for name in imported_names(path)
        if OPTIONAL_APPS.keys() & set(name.split("."))
    ]
    assert offenders == []
    # Nor names one in a string (apps.get_model("mentoring_participants…")).
    names = {
        name
        for folder, label in OPTIONAL_APPS.items()
        for name in (label, f"mentoring_wagtail.{folder}")
    }
    mentions = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in core_modules()
        for name in names
        if name in path.read_text(encoding="utf-8")
    ]
    assert mentions == []


def run(*args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": WITHOUT,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
    }
    env.pop("MENTORING_DEV_NO_MIGRATIONS", None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_without_the_app_checks_pass_and_migrations_are_clean(tmp_path):
    result = run(
        "example_site/manage.py",
        "makemigrations",
        "--check",
        "--dry-run",
        "--settings",
        WITHOUT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout
    result = run("example_site/manage.py", "check", "--settings", WITHOUT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(
    os.environ.get("MENTORING_DB") == "postgres",
    reason="runs a nested SQLite suite; once is enough",
)
@pytest.mark.slow(
    reason="runs the documents' and roadmaps' tests again in a process of a "
    "site without the optional apps: its own database, migrations and Django"
)
def test_documents_and_roadmaps_work_without_the_app():
    result = run(
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--ds",
        WITHOUT,
        "tests/access/test_setup_command.py",
        "tests/documents/test_documents_registry.py",
        "tests/roadmaps/test_roadmap_pages.py",
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout

"""docs/install.md, followed as written in a fresh ``wagtail start`` project.

The steps come from the page itself: every fenced block whose title names a file
(«add at the end», «replace» then «with») or «shell» is applied in order, so
the page cannot drift from what is tested. The package comes from the test's own
virtualenv instead of the page's ``pip install`` line (no network, no second
install); everything else is the newcomer's: ``migrate``, ``createcachetable``,
``mentoring_setup``, ``createsuperuser``, ``collectstatic``, ``check --fail-level
WARNING``, then the admin's first step (a section page with its registry) and
the site served by ``runserver``.
"""

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTALL_PAGE = ROOT / "docs" / "install.md"
FENCE = re.compile(r'^```(\w+)(?: title="([^"]+)")?\n(.*?)^```', re.M | re.S)
PROJECT = "mysite"
PASSWORD = "install-test-2026"

pytestmark = [
    pytest.mark.skipif(
        os.environ.get("MENTORING_DB") == "postgres",
        reason="uses no test database: run once, on the SQLite pass",
    ),
]


def blocks():
    """(language, title, code) of every fenced block of the install page."""
    text = INSTALL_PAGE.read_text(encoding="utf-8")
    return [(m[1], m[2], m[3]) for m in FENCE.finditer(text)]


def project_env():
    """The environment of a shell in the new project: its own settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "MENTORING_DB", "PYTHONPATH"}
    }
    env["DJANGO_SUPERUSER_PASSWORD"] = PASSWORD
    return env


def run(argv, cwd, timeout=300):
    result = subprocess.run(
        argv,
        cwd=cwd,
        env=project_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, (
        f"{shlex.join(argv)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result.stdout + result.stderr


def shell_argv(line):
    """A documented command line as this virtualenv runs it."""
    argv = shlex.split(line, comments=True)
    if not argv:
        return None
    assert argv[0] == "python", f"the install page's shell runs only python: {line}"
    argv[0] = sys.executable
    if argv[2:3] == ["createsuperuser"]:
        # The page's command asks for a name and a password; the test answers them.
        argv += ["--noinput", "--username", "admin", "--email", "admin@school.example"]
    return argv


def apply_steps(project_dir):
    """Apply the install page's titled blocks; the commands they ran."""
    commands = []
    pending_replace = None
    for _language, title, code in blocks():
        if not title:
            continue
        if title == "shell":
            for line in code.splitlines():
                argv = shell_argv(line)
                if argv:
                    output = run(argv, project_dir)
                    commands.append((argv, output))
            continue
        path, _, action = title.partition(": ")
        target = project_dir / path.replace("mysite/", f"{PROJECT}/", 1)
        assert target.exists(), f"{path} is not in a fresh `wagtail start` project"
        text = target.read_text(encoding="utf-8")
        if action == "add at the end":
            target.write_text(text.rstrip("\n") + "\n\n" + code, encoding="utf-8")
        elif action == "replace":
            # What the page says before its urls.py step: the stock media route
            # serves document files, and W003 says so.
            stock = subprocess.run(
                [sys.executable, "manage.py", "check"],
                cwd=project_dir,
                env=project_env(),
                capture_output=True,
                text=True,
            )
            assert "mentoring_wagtail.W003" in stock.stdout + stock.stderr
            assert text.count(code) == 1, (
                f"{path} of a fresh `wagtail start` project does not hold, once:\n{code}"
            )
            pending_replace = (target, code)
        elif action == "with":
            assert pending_replace and pending_replace[0] == target, title
            target.write_text(text.replace(pending_replace[1], code), encoding="utf-8")
            pending_replace = None
        else:
            raise AssertionError(f"unknown step title: {title!r}")
    assert pending_replace is None, "a «replace» block without its «with» block"
    return commands


ADD_SECTION = """
from wagtail.models import Site
from mentoring_wagtail.models import DocumentRegistryPage, MentoringIndexPage
home = Site.objects.get(is_default_site=True).root_page
section = home.add_child(instance=MentoringIndexPage(title="Наставничество", slug="mentoring"))
section.add_child(instance=DocumentRegistryPage(title="Реестр документов", slug="registry"))
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, deadline):
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_the_install_page_names_the_extras_where_they_are_needed():
    """The matching's scipy, the login throttle's django-axes and PostgreSQL's
    psycopg come with named extras."""
    text = INSTALL_PAGE.read_text(encoding="utf-8")
    pip_lines = [
        line
        for language, _, code in blocks()
        if language == "bash"
        for line in code.splitlines()
        if line.startswith("pip install")
    ]
    assert pip_lines and all(
        "[participants,security,postgres]" in line for line in pip_lines
    )
    assert "«Предложить пары»" in text and "`[participants]`" in text
    assert "`[security]`" in text and "W006" in text
    # The Redis alternative says what it needs.
    assert "pip install redis" in text


@pytest.mark.install
@pytest.mark.slow(
    reason="makes and migrates a whole new site in subprocesses (about a minute)"
)
def test_a_fresh_wagtail_start_project_follows_the_install_page(tmp_path):
    wagtail = Path(sys.executable).with_name("wagtail")
    run([str(wagtail), "start", PROJECT], tmp_path)
    project_dir = tmp_path / PROJECT

    commands = apply_steps(project_dir)
    ran = [argv[2] for argv, _ in commands]
    assert ran[:4] == [
        "createcachetable",
        "migrate",
        "mentoring_setup",
        "createsuperuser",
    ]
    assert "check" in ran  # `check --fail-level WARNING` passed: no W003, no W004
    check_output = {argv[2]: output for argv, output in commands}["check"]
    assert "mentoring_wagtail." not in check_output

    run([sys.executable, "manage.py", "shell", "-c", ADD_SECTION], project_dir)

    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=project_dir,
        env=project_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120  # a busy machine starts slowly
        base = f"http://127.0.0.1:{port}"
        status, section = fetch(base + "/mentoring/", deadline)
        assert status == 200, section[:2000]
        assert "Наставничество" in section
        assert 'lang="ru"' in section or "Версия для слабовидящих" in section
        status, registry = fetch(base + "/mentoring/registry/", deadline)
        assert status == 200, registry[:2000]
        status, login = fetch(base + "/admin/login/", deadline)
        assert status == 200 and "Войти" in login, login[:2000]
    finally:
        server.terminate()
        server.wait(timeout=20)

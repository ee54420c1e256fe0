"""``--help`` of every management command of the package and its apps, in Russian.

The commands are found from Django's command registry (``get_commands``) by
the app they come from, so a new command is tried without being listed here.
"""

import io
from contextlib import redirect_stdout

import pytest
from django.core.management import get_commands, load_command_class
from django.core.management.base import BaseCommand

PACKAGE = "mentoring_wagtail"


def package_commands():
    return sorted(
        (name, app) for name, app in get_commands().items() if app.startswith(PACKAGE)
    )


def test_the_package_has_its_commands():
    names = {name for name, _ in package_commands()}
    assert {"import_roadmap", "export_roadmap", "mentoring_setup"} <= names


@pytest.mark.parametrize(("name", "app"), package_commands())
def test_help_works_and_is_russian(name, app, settings):
    settings.LANGUAGE_CODE = "ru"
    command = load_command_class(app, name)
    parser = command.create_parser("manage.py", name)
    out = io.StringIO()
    with redirect_stdout(out):
        parser.print_help()
    text = out.getvalue()
    description = text.split("\n\n")[1]
    assert any("а" <= ch <= "я" for ch in description.lower()), text
    # Every argument the command adds has its help in Russian too.
    django_own = {a.dest for a in BaseCommand().create_parser("m", "c")._actions}
    for action in parser._actions:
        if action.dest not in django_own and action.help:
            assert any("а" <= ch <= "я" for ch in str(action.help).lower()), (
                f"{name} {action.dest}: {action.help}"
            )

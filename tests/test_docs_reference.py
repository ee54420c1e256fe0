"""The reference pages of docs/ name everything the package offers.

A setting, a system check or a management command added to the code without a
line in its reference page fails here, so the documentation keeps up.
"""

import re
from pathlib import Path

from django.core.management import get_commands

from mentoring_wagtail import checks, conf
from mentoring_wagtail.participants import checks as participants_checks

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "docs" / "reference"


def page(name):
    return (REFERENCE / name).read_text(encoding="utf-8")


def test_every_setting_is_in_the_settings_reference():
    text = page("settings.md")
    assert conf.DEFAULTS
    missing = [name for name in conf.DEFAULTS if f"`{name}`" not in text]
    assert not missing, f"docs/reference/settings.md lacks {missing}"


def test_every_system_check_is_in_the_checks_reference():
    ids = {
        found
        for module in (checks, participants_checks)
        for found in re.findall(
            r"mentoring_(?:wagtail|participants)\.[EW]\d{3}",
            Path(module.__file__).read_text(encoding="utf-8"),
        )
    }
    assert len(ids) >= 7
    text = page("checks.md")
    missing = sorted(i for i in ids if f"`{i}`" not in text)
    assert not missing, f"docs/reference/checks.md lacks {missing}"


def test_every_management_command_is_in_the_commands_reference():
    text = page("commands.md")
    ours = [
        name
        for name, app in get_commands().items()
        if app.startswith("mentoring_wagtail") or app == "demo"
    ]
    assert "mentoring_setup" in ours and "participants_retention" in ours
    missing = [name for name in ours if f"`{name}" not in text]
    assert not missing, f"docs/reference/commands.md lacks {missing}"

"""The roles table of docs/roles.md is the one rendered from ``roles.py``."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from mentoring_wagtail.access.staff_roles import ROLES, roles_markdown_table

ROLES_PAGE = Path(__file__).resolve().parents[2] / "docs" / "roles.md"


def test_documented_roles_table_matches_the_code():
    text = ROLES_PAGE.read_text(encoding="utf-8")
    match = re.search(r"<!-- roles-table -->\n(.*?)\n<!-- /roles-table -->", text, re.S)
    assert match, "docs/roles.md lacks the <!-- roles-table --> markers"
    # scripts/update_roles_table.py rewrites it after a change of roles.py.
    assert match.group(1) == roles_markdown_table()


def test_table_has_one_row_per_role():
    rows = roles_markdown_table().splitlines()[2:]
    assert [row.split("|")[1].strip() for row in rows] == [role.name for role in ROLES]


@pytest.mark.django_db
def test_setup_gives_each_group_exactly_its_model_permissions(mentoring_section):
    from mentoring_wagtail.setup.steps import run_setup

    run_setup()
    for role in ROLES:
        group = Group.objects.get(name=role.name)
        granted = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
            # An optional app adds its own (tests/participants checks those).
            if p.content_type.app_label
            not in (
                "mentoring_participants",
                "mentoring_portfolios",
                "mentoring_monitoring",
            )
        }
        assert granted == set(role.permissions)

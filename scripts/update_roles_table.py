"""Write the roles table rendered from ``mentoring_wagtail/roles.py`` into docs/roles.md.

Run after changing a role: ``.venv/bin/python scripts/update_roles_table.py``.
tests/access/test_permissions_roles.py fails while the page and the code disagree.
"""

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from mentoring_wagtail.access.staff_roles import roles_markdown_table  # noqa: E402

ROLES_PAGE = ROOT / "docs" / "roles.md"
MARKERS = re.compile(r"(<!-- roles-table -->\n).*?(<!-- /roles-table -->)", re.S)


def main():
    text = ROLES_PAGE.read_text(encoding="utf-8")
    if not MARKERS.search(text):
        sys.exit(
            "docs/roles.md lacks the <!-- roles-table --> … <!-- /roles-table --> markers"
        )
    updated = MARKERS.sub(
        lambda m: m.group(1) + roles_markdown_table() + "\n" + m.group(2), text
    )
    ROLES_PAGE.write_text(updated, encoding="utf-8")
    print(
        "docs/roles.md roles table "
        + ("updated." if updated != text else "already current.")
    )


if __name__ == "__main__":
    main()

"""Make mentoring_wagtail's migrations and make them follow a swapped Page model.

Django writes ``bases=('wagtailcore.page',)`` and a ``page_ptr`` field; a site
with ``WAGTAIL_PAGE_MODEL = "home.BasePage"`` needs ``home.basepage`` and
``basepage_ptr`` instead, so page models get both from swapper, as Wagtail's
own test app does. Run: ``python scripts/makemigrations.py [name]``.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = ROOT / "mentoring_wagtail" / "migrations"

PREAMBLE = (
    "import swapper\n",
    '\npage_model_label = swapper.get_model_name("wagtailcore", "Page")\n'
    'page_ptr_name = f"{swapper.split(page_model_label)[1].lower()}_ptr"\n',
)


def rewrite(path):
    text = path.read_text()
    if "'wagtailcore.page'" not in text and "('page_ptr'" not in text:
        return False
    text = text.replace("'wagtailcore.page'", "page_model_label")
    text = text.replace("('page_ptr',", "(page_ptr_name,")
    if "import swapper" not in text:
        text = text.replace(
            "from django.db import migrations",
            PREAMBLE[0] + "from django.db import migrations",
            1,
        )
        text = re.sub(r"(\n\nclass Migration)", PREAMBLE[1] + r"\1", text, count=1)
    if "swapper.dependency(" not in text:
        text = text.replace(
            "dependencies = [\n",
            'dependencies = [\n        swapper.dependency("wagtailcore", "Page"),\n',
            1,
        )
    path.write_text(text)
    return True


def main():
    args = [
        sys.executable,
        "manage.py",
        "makemigrations",
        "mentoring_wagtail",
        *sys.argv[1:],
    ]
    subprocess.run(args, cwd=ROOT / "example_site", check=True)
    for path in sorted(MIGRATIONS.glob("[0-9]*.py")):
        if rewrite(path):
            print(f"made swappable: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

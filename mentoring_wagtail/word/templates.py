"""Find the Word (.docx) templates of the official documents.

They live in the repository's top-level ``templates/`` folder and are packed
into the wheel as ``mentoring_wagtail/word_templates/``; a site may point
``MENTORING_WAGTAIL_WORD_TEMPLATES_DIR`` at a folder of its own versions.
"""

from pathlib import Path

from django.conf import settings

PACKAGE_DIR = Path(__file__).resolve().parent.parent
CANDIDATE_DIRS = (
    PACKAGE_DIR / "word_templates",  # installed from a wheel
    PACKAGE_DIR.parent / "templates",  # a source checkout
)


def word_template_path(name):
    """Path of the Word template ``name`` (e.g. ``"order.docx"``)."""
    own_dir = getattr(settings, "MENTORING_WAGTAIL_WORD_TEMPLATES_DIR", None)
    dirs = ((Path(own_dir),) if own_dir else ()) + CANDIDATE_DIRS
    for directory in dirs:
        path = directory / name
        if path.is_file():
            return path
    raise FileNotFoundError(f"Word template {name!r} not found in {dirs}")

"""The shipped catalogue holds every string the code has now.

``makemessages`` runs on a copy of the package; every msgid it extracts
(multi-line ones, plurals and contexts included) must be in the shipped
``django.po``, translated and not fuzzy, and in the compiled ``.mo``. So a
string added without its translation fails CI, not a school's admin.
"""

import gettext
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

import mentoring_wagtail

PACKAGE = Path(mentoring_wagtail.__file__).parent
SHIPPED = PACKAGE / "locale" / "ru" / "LC_MESSAGES"


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext is missing (apt-get install gettext)")
    copy = tmp_path_factory.mktemp("extract") / "mentoring_wagtail"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=shutil.ignore_patterns("locale", "locale_drafts", "__pycache__"),
    )
    (copy / "locale").mkdir()
    cwd = Path.cwd()
    import os

    os.chdir(copy)
    try:
        call_command("makemessages", locale=["ru"], verbosity=0, add_location="never")
    finally:
        os.chdir(cwd)
    catalogue = polib.pofile(str(copy / "locale" / "ru" / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100  # makemessages really ran
    return catalogue


@pytest.fixture(scope="module")
def shipped():
    return polib.pofile(str(SHIPPED / "django.po"))


def test_every_extracted_string_is_in_the_shipped_catalogue(extracted, shipped):
    have = {key(entry) for entry in shipped if not entry.obsolete}
    missing = [entry.msgid for entry in extracted if key(entry) not in have]
    assert missing == []


def test_every_shipped_string_is_translated(extracted, shipped):
    wanted = {key(entry) for entry in extracted}
    bad = [
        entry.msgid
        for entry in shipped
        if key(entry) in wanted and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert bad == []


def test_the_compiled_catalogue_has_every_extracted_string(extracted, shipped):
    compiled = gettext.GNUTranslations((SHIPPED / "django.mo").open("rb"))
    by_key = {key(entry): entry for entry in shipped}
    wrong = []
    for entry in extracted:
        source = by_key.get(key(entry))
        if source is None:
            continue
        if entry.msgid_plural:
            expected = source.msgstr_plural.get(0)
            got = compiled.ngettext(entry.msgid, entry.msgid_plural, 1)
        elif entry.msgctxt:
            expected = source.msgstr
            got = compiled.pgettext(entry.msgctxt, entry.msgid)
        else:
            expected = source.msgstr
            got = compiled.gettext(entry.msgid)
        if got != expected:
            wrong.append(entry.msgid)
    assert wrong == []


# The names xgettext looks for (Django's makemessages keywords).
EXTRACTED_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def test_translation_functions_keep_names_makemessages_reads():
    """``gettext_lazy as _lazy`` hides every string marked with it from
    makemessages: the admin then shows them in English, and the catalogue
    test above cannot see them either."""
    import ast

    hidden = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in (
                "django.utils.translation",
                "django.utils.text",
            ):
                for alias in node.names:
                    name = alias.asname or alias.name
                    if alias.name in EXTRACTED_NAMES and name not in EXTRACTED_NAMES:
                        hidden.append(
                            f"{path.relative_to(PACKAGE)}: {alias.name} as {name}"
                        )
    assert hidden == []

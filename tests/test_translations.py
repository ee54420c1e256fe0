"""The admin speaks Russian: the shipped catalogue is complete and compiled."""

import gettext
import re
from pathlib import Path

from django.utils import translation

import mentoring_wagtail
from mentoring_wagtail.models import MentoringIndexPage, OrganisationSettings

LOCALE = Path(mentoring_wagtail.__file__).parent / "locale" / "ru" / "LC_MESSAGES"
ENTRY = re.compile(
    r'(#, fuzzy\n)?(?:msgctxt "(.+?)"\n)?msgid "(.+?)"\n(?:msgid_plural .+\n)?'
    r'msgstr(?:\[0\])? "(.*)"'
)


def entries():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    return [m.groups() for m in ENTRY.finditer(text)]


def test_every_msgid_is_translated_and_none_is_fuzzy():
    found = entries()
    assert len(found) > 20
    untranslated = [
        msgid for fuzzy, _ctx, msgid, msgstr in found if fuzzy or not msgstr
    ]
    assert untranslated == []


def test_compiled_catalogue_matches_the_po_file():
    catalogue = gettext.GNUTranslations((LOCALE / "django.mo").open("rb"))
    for _fuzzy, context, msgid, msgstr in entries():
        if "\\" in msgid or "\\" in msgstr:
            continue  # escapes differ between the two forms
        if context:
            assert catalogue.pgettext(context, msgid) == msgstr
        else:
            assert msgstr in (
                catalogue.gettext(msgid),
                catalogue.ngettext(msgid, "", 1),
            )


def test_models_speak_russian():
    with translation.override("ru"):
        assert str(MentoringIndexPage._meta.verbose_name) == "раздел «Наставничество»"
        assert str(
            OrganisationSettings._meta.get_field("director_name").verbose_name
        ) == ("ФИО руководителя")

"""Fill locale/ru/LC_MESSAGES/django.po from the fragments in locale_drafts/.

Run after ``makemessages`` (``make messages`` does both). Each feature keeps
its Russian translations in ``mentoring_wagtail/locale_drafts/<area>.po``; the
main catalogue is rebuilt from the code's msgids and the fragments'
translations, then compiled. Untranslated msgids are listed and make the
script fail. Needs polib (``pip install -e .[dev]``).
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "mentoring_wagtail"
CATALOGUE = APP / "locale" / "ru" / "LC_MESSAGES" / "django.po"
DRAFTS = sorted((APP / "locale_drafts").glob("*.po"))
PLURAL_FORMS = (
    "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || "
    "(n%100>=11 && n%100<=14)? 2 : 3);"
)


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def load_drafts():
    translations = {}
    for path in DRAFTS:
        for entry in polib.pofile(str(path)):
            if entry.translated() and key(entry) not in translations:
                translations[key(entry)] = entry
    return translations


def main():
    drafts = load_drafts()
    catalogue = polib.pofile(str(CATALOGUE), wrapwidth=0)
    catalogue.metadata.update(
        {
            "Project-Id-Version": "mentoring_wagtail",
            "Language": "ru",
            "Language-Team": "Russian",
            "Plural-Forms": PLURAL_FORMS,
        }
    )
    catalogue.header = (
        "Russian translations of mentoring_wagtail (from locale_drafts/)."
    )
    missing = []
    for entry in catalogue:
        draft = drafts.get(key(entry))
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        if draft is None:
            missing.append(entry.msgid)
            continue
        if entry.msgid_plural:
            forms = dict(draft.msgstr_plural)
            forms.setdefault(3, forms.get(1, ""))
            entry.msgstr_plural = {i: forms.get(i, "") for i in range(4)}
        else:
            entry.msgstr = draft.msgstr
    catalogue.save(str(CATALOGUE))
    catalogue.save_as_mofile(str(CATALOGUE.with_suffix(".mo")))
    if missing:
        print("Untranslated msgids:\n" + "\n".join(f"  {m!r}" for m in missing))
        sys.exit(1)
    print(f"{CATALOGUE.relative_to(ROOT)}: {len(catalogue)} messages, compiled")


if __name__ == "__main__":
    main()

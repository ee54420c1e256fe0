"""Fill locale/ru/LC_MESSAGES/django.po from the fragments in locale_drafts/.

Run after ``makemessages`` (``make messages`` does both). Each feature keeps
its Russian translations in ``mentoring_wagtail/locale_drafts/<area>.po``;
GNU gettext's msgmerge uses them as a compendium, so the main catalogue is
rebuilt from the code's msgids and the fragments' translations, then
compiled. Untranslated msgids are listed and make the script fail.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "mentoring_wagtail"
CATALOGUE = APP / "locale" / "ru" / "LC_MESSAGES" / "django.po"
DRAFTS = sorted((APP / "locale_drafts").glob("*.po"))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        compendium = Path(tmp) / "compendium.po"
        subprocess.run(
            ["msgcat", "--use-first", "-o", str(compendium), *map(str, DRAFTS)],
            check=True,
        )
        subprocess.run(
            [
                "msgmerge", "--quiet", "--no-fuzzy-matching", "--no-wrap",
                "--compendium", str(compendium), "--update", "--backup=off",
                str(CATALOGUE), str(CATALOGUE),
            ],
            check=True,
        )
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-wrap", str(CATALOGUE)],
        check=True, capture_output=True, text=True,
    ).stdout
    subprocess.run(
        ["msgfmt", "--check", "-o", str(CATALOGUE.with_suffix(".mo")), str(CATALOGUE)],
        check=True,
    )
    missing = [line for line in untranslated.splitlines() if line.startswith("msgid ")]
    missing = [line for line in missing if line != 'msgid ""']
    if missing:
        print("Untranslated msgids:\n" + "\n".join(missing))
        sys.exit(1)
    print(f"{CATALOGUE.relative_to(ROOT)}: complete and compiled")


if __name__ == "__main__":
    main()

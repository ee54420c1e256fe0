"""What a Russian reader of an admin page meets that is not Russian.

``problems(html, allowed)`` lists the English words and the known wrong
agreements of the text a person sees: text nodes and the attributes read
aloud or shown (title, aria-label, placeholder, alt, a button's value).
Scripts, styles, SVG and comments are not read. File names, addresses and
e-mails are not words; ``allowed`` adds the world's own names (usernames).
"""

import re
from html.parser import HTMLParser

SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
NOT_READ = {"script", "style", "svg", "noscript", "template"}
# Names of things a Russian school writes in Latin letters.
ALLOWED = {
    "word",
    "excel",
    "pdf",
    "docx",
    "xlsx",
    "csv",
    "json",
    "url",
    "wagtail",
    "email",
    "e-mail",
    "id",
    "ok",
    "html",
    "jpeg",
    "jpg",
    "png",
    "gif",
    "webp",
    "heic",
    "avif",
    "svg",
    "zip",
    "odt",
    "rtf",
    "txt",
}
NOT_WORDS = re.compile(
    r"(?:https?://|www\.)\S+"  # addresses
    r"|\S+@\S+"  # e-mails
    r"|\b[\w.-]+\.(?:docx?|xlsx?|pdf|csv|json|jpe?g|png|gif|zip|odt|rtf|txt)\b"
    r"|/[\w/.-]*"  # paths
    r"|\{\w+\}",  # placeholders of a numbering template: {seq}, {year}
    re.IGNORECASE,
)
LATIN_WORD = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z'’]{2,}(?![\w-])")
# Seen by schools (issue 25): a word in the wrong case or gender, or a value
# of Python printed as is.
WRONG = (
    re.compile(r"Добавить (?:встреча|сотрудник|участник|наставник|группа)\b"),
    re.compile(
        r"\b(?:Организация|Форма|Группа|Встреча|Анкета) [«\"'].*?[»\"'] ?обновлено"
    ),
    re.compile(r"\bОрганизация обновлено\b"),
    re.compile(r"(?<![\w-])(?:None|True|False)(?![\w-])"),
)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
VOID |= {"source", "track", "wbr", "use", "path"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping, self.hidden_depth = [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag in NOT_READ:
            self.skipping += 1
        attrs = dict(attrs)
        if tag not in VOID:
            if self.hidden_depth:
                self.hidden_depth += 1
            elif "hidden" in attrs and attrs.get("role") != "tabpanel":
                # Not shown, not read (a zero counter). A tab's panel is
                # hidden only until its tab is clicked: read.
                self.hidden_depth = 1
        if self.hidden_depth:
            return
        for name in SHOWN_ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self.parts.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in NOT_READ and self.skipping:
            self.skipping -= 1
        if self.hidden_depth and tag not in VOID:
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.skipping and not self.hidden_depth:
            self.parts.append(data)


def visible_text(html):
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _around(text, start, end):
    return text[max(0, start - 30) : end + 30]


def problems(html, allowed=()):
    """Each English word or wrong phrase once, with the text around it."""
    text = NOT_WORDS.sub(" ", visible_text(html))
    allowed = ALLOWED | {name.lower() for name in allowed}
    found = {}
    for match in LATIN_WORD.finditer(text):
        if match.group(0).lower() not in allowed:
            found.setdefault(match.group(0), _around(text, *match.span()))
    for pattern in WRONG:
        for match in pattern.finditer(text):
            found.setdefault(match.group(0), _around(text, *match.span()))
    return [f"{word} «{context}»" for word, context in sorted(found.items())]

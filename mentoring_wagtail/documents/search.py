"""Search of the official documents, with domain synonyms expanded at query time.

PostgreSQL's Russian stemmer keeps «наставник» (→ наставник) apart from
«наставничество» (→ наставничеств) and «наставляемый» (→ наставля), so a
visitor typing one word would miss documents using the others. Each word of
the query is OR-ed with its synonyms from ``MENTORING_WAGTAIL_SEARCH_SYNONYMS``
and the words are AND-ed, which Wagtail's database backend turns into one
``tsquery``. A typed word matches a synonym key when they share the key's
stem (the key without its last two letters), so «наставника» expands like
«наставник».
"""

import re

from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from ..conf import get_setting

WORD = re.compile(r"[\w-]+", re.UNICODE)
MIN_STEM = 4


def query_words(text):
    return [word.lower().replace("ё", "е") for word in WORD.findall(text or "")]


def synonyms_for(word, synonyms=None):
    """The word itself and its configured synonyms, without duplicates."""
    synonyms = get_setting("SEARCH_SYNONYMS") if synonyms is None else synonyms
    found = [word]
    for key, values in synonyms.items():
        key = key.lower()
        stem = key[:-2] if len(key) - 2 >= MIN_STEM else key
        if word == key or (len(word) >= len(stem) and word.startswith(stem)):
            for value in (key, *values):
                if value.lower() not in found:
                    found.append(value.lower())
    return found


def expand_query(text, synonyms=None):
    """A Wagtail search query for ``text`` with synonyms, or ``None`` if empty."""
    groups = []
    for word in query_words(text):
        alternatives = [PlainText(form) for form in synonyms_for(word, synonyms)]
        groups.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if not groups:
        return None
    return groups[0] if len(groups) == 1 else And(groups)


def search_documents(queryset, text, backend="default"):
    """Search ``queryset`` (of an indexed model) for ``text``, newest first."""
    query = expand_query(text)
    if query is None:
        return queryset.none()
    return get_search_backend(backend).search(
        query, queryset.order_by("-date", "-id"), order_by_relevance=False
    )

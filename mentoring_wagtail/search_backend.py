"""Wagtail's database search backend, with Russian stemming on SQLite.

PostgreSQL stems Russian words itself (``SEARCH_CONFIG: "russian"``); SQLite's
FTS5 only folds case, so «наставник» did not find «наставника» or
«наставниками». On SQLite this backend adds the Snowball stem of every
Cyrillic word to the indexed text and searches for the stems of the query's
words: SQLite then finds what PostgreSQL finds for the domain's words. On any
other database it is Wagtail's own backend unchanged.

Settings::

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "mentoring_wagtail.search_backend",
            "SEARCH_CONFIG": "russian",
        }
    }

Needs ``snowballstemmer`` (the ``search-sqlite`` extra); without it the
backend is Wagtail's own. Rebuild the index after switching
(``manage.py update_index``).
"""

import re
from functools import lru_cache

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import PlainText

CYRILLIC_WORD = re.compile(r"[а-яё]+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _stemmer():
    try:
        # deferred: snowballstemmer is optional (the search-sqlite extra)
        import snowballstemmer
    except ImportError:
        return None
    return snowballstemmer.stemmer("russian")


@lru_cache(maxsize=50_000)
def stem(word):
    return _stemmer().stemWord(word.lower().replace("ё", "е"))


def stems_of(text):
    """The stems of the Cyrillic words of ``text`` that differ from the word."""
    found = []
    for word in CYRILLIC_WORD.findall(text or ""):
        stemmed = stem(word)
        if stemmed != word.lower():
            found.append(stemmed)
    return found


def stemmed_query(text):
    return " ".join(
        stem(word) if CYRILLIC_WORD.fullmatch(word) else word for word in text.split()
    )


@lru_cache(maxsize=1)
def russian_sqlite_backend_class():
    """The SQLite backend with stemming, built on first use: modelsearch's
    SQLite module can be imported only where the database is SQLite."""
    # deferred: modelsearch's SQLite module imports only where the database is SQLite
    from modelsearch.backends.database.sqlite import sqlite as base

    class RussianObjectIndexer(base.ObjectIndexer):
        def prepare_value(self, value):
            text = super().prepare_value(value)
            extra = stems_of(text)
            return f"{text} {' '.join(extra)}" if extra else text

    class RussianSQLiteIndex(base.SQLiteIndex):
        def add_items(self, model, objs):
            # modelsearch's add_items with the stemming indexer (it names its
            # ObjectIndexer directly).
            search_fields = model.get_search_fields()
            if not search_fields:
                return
            indexers = [RussianObjectIndexer(obj, self.backend) for obj in objs]
            if not indexers:
                return
            content_type_pk = base.get_content_type_pk(model)
            data = {i.id: (i.title, i.autocomplete, i.body) for i in indexers}
            entries = self.entries.filter(content_type_id=content_type_pk)
            indexed = frozenset(
                entries.filter(object_id__in=data.keys()).values_list(
                    "object_id", flat=True
                )
            )
            for object_id in indexed:
                title, autocomplete, body = data[object_id]
                entries.filter(object_id=object_id).update(
                    title=title, autocomplete=autocomplete, body=body
                )
            self.entries.bulk_create(
                [
                    base.IndexEntry(
                        content_type_id=content_type_pk,
                        object_id=object_id,
                        title=title,
                        autocomplete=autocomplete,
                        body=body,
                    )
                    for object_id, (title, autocomplete, body) in data.items()
                    if object_id not in indexed
                ]
            )
            self._refresh_title_norms()

    class RussianSQLiteQueryCompiler(base.SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                query = PlainText(
                    stemmed_query(query.query_string),
                    operator=query.operator,
                    boost=query.boost,
                )
            return super().build_search_query_content(query, config=config)

    class RussianSQLiteSearchBackend(base.SQLiteSearchBackend):
        index_class = RussianSQLiteIndex
        query_compiler_class = RussianSQLiteQueryCompiler

    return RussianSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up
    backend = database_backend(params)
    if connection.vendor != "sqlite" or _stemmer() is None:
        return backend
    russian = russian_sqlite_backend_class()
    # Wagtail falls back to a backend without FTS5 where SQLite lacks it.
    if isinstance(backend, russian.__mro__[1]):
        return russian(params)
    return backend

"""Index a new roadmap page once, when its import is complete.

Creating a page saves its row twice (Wagtail's ``add_child``, then
``save_revision`` recording the latest revision; a third time when it is
published), and each save re-indexes the page for search: at 3,000 activities
that is 1.5 MB of text handed to the search backend twice (on PostgreSQL
``to_tsvector`` runs twice), and the second entry replaces the first word for
word. Inside ``indexed_once`` the saves leave the index alone and the page is
indexed once at the end, with the same content as before. The switch is a
context variable: another request or thread saving a roadmap meanwhile is
indexed as usual, and a task queue running the index update in a worker (where
the variable is not set) indexes as before.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.search import index

_deferred = ContextVar("mentoring_roadmap_index_deferred", default=False)
_texts = ContextVar("mentoring_roadmap_searchable_texts", default=None)


def index_deferred():
    """True while an import defers the page's index update to its end."""
    return _deferred.get()


def searchable_texts_memo():
    """A dict for one index update, or ``None``: the search backend asks every
    field for its text once per index column (five times)."""
    return _texts.get()


@contextmanager
def indexed_once(page):
    """Save ``page`` as often as needed inside; index it once on success."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
    memo = _texts.set({})
    try:
        index.insert_or_update_object(page)
    finally:
        _texts.reset(memo)

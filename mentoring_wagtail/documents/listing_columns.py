"""Columns that features above documents add to the registry's own queries.

The registry (this floor) may not import the features built on it, yet the
signature mark must come with the listing's rows, not in a query of its own.
A feature registers ``add(model, queryset) -> queryset`` (an annotation,
typically a ``Subquery``) from its ``AppConfig.ready``; the listing and the
record page pass their queryset through every registered function.
"""

_COLUMNS = []


def register_listing_columns(add):
    """Register ``add(model, queryset)`` (once: a second call is a no-op)."""
    if add not in _COLUMNS:
        _COLUMNS.append(add)
    return add


def with_listing_columns(model, queryset):
    for add in _COLUMNS:
        queryset = add(model, queryset)
    return queryset

"""Objects by the id in a URL or a form: a malformed id is a 404, never a 500.

``Model.objects.get(pk="abc")`` raises ``ValueError`` on an integer key, and
an id past the column's range overflows on some databases; both are just
"no such object" to a visitor.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

# The largest value of a signed 64-bit integer column (BigAutoField).
MAX_BIGINT = 2**63 - 1


def clean_pk(model, value):
    """``value`` as ``model``'s primary key, or ``Http404``."""
    field = model._meta.pk
    try:
        pk = field.to_python(value)
    except (ValidationError, TypeError, ValueError) as exc:
        raise Http404 from exc
    if pk is None:
        raise Http404
    if isinstance(pk, int) and not (0 < pk <= MAX_BIGINT):
        raise Http404
    return pk


def is_valid_pk(model, value):
    try:
        clean_pk(model, value)
    except Http404:
        return False
    return True


def get_by_pk_or_404(queryset_or_model, pk):
    model = getattr(queryset_or_model, "model", queryset_or_model)
    return get_object_or_404(queryset_or_model, pk=clean_pk(model, pk))

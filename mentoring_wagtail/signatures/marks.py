"""What the public mark says for a record, read with the registry's own rows.

The registry's listing and record page pass their queryset through
``add_mark_columns`` (registered with ``documents.listing_columns``): the
record's current signature comes as correlated subqueries of the same SQL
statement, so the listing costs the queries it costs without the feature,
whatever the number of documents and whether they are signed or not.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, JSONField, OuterRef, Subquery
from django.db.models.functions import Cast

from .models import QualifiedSignature, Signature

# The columns of the current signature the mark needs, as ``_mark_<name>``.
MARK_FIELDS = (
    "pk",
    "key",
    "signer_name",
    "signer_position",
    "signed_at",
    "document_id",
    "file_hash",
)


def add_mark_columns(model, queryset):
    """Annotate each record with its current signature (``None`` when unsigned)."""
    if not hasattr(model, "primary_file"):
        return queryset
    content_type = ContentType.objects.get_for_model(model)  # cached by Django
    object_id = Cast(OuterRef("pk"), output_field=CharField())
    current = Signature.objects.filter(
        content_type=content_type, object_id=object_id, superseded_at__isnull=True
    ).order_by("-signed_at", "-pk")
    columns = {
        f"_mark_{name}": Subquery(current.values(name)[:1]) for name in MARK_FIELDS
    }
    qualified = QualifiedSignature.objects.filter(
        signature__content_type=content_type,
        signature__object_id=object_id,
        signature__superseded_at__isnull=True,
    ).order_by("-attached_at", "-pk")
    columns["_mark_certificate"] = Subquery(
        qualified.values("certificate")[:1], output_field=JSONField()
    )
    return queryset.annotate(**columns)


def mark_of(record):
    """The signature the record's mark shows, or None (no query).

    None when the record is unsigned, was not read with ``add_mark_columns``,
    or its file is no longer the file signed (same document, same content).
    """
    if getattr(record, "_mark_pk", None) is None:
        return None
    signature = Signature(
        **{name: getattr(record, f"_mark_{name}") for name in MARK_FIELDS}
    )
    signature.qualified_certificate = getattr(record, "_mark_certificate", None)
    return signature if is_file_unchanged(record, signature) else None


def is_file_unchanged(record, signature):
    document = record.primary_file
    return (
        document is not None
        and document.pk == signature.document_id
        and (document.file_hash or "") == signature.file_hash
    )

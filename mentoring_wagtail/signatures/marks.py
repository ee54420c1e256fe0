"""What the public mark says for a record, read in bulk for a listing."""

from collections import defaultdict

from django.db.models import JSONField, OuterRef, Q, Subquery

from ..approvals.models import object_reference
from .models import QualifiedSignature, Signature


def attach_signatures(records):
    """Set ``record.signature_mark`` on every record: one query for all of them.

    The mark is the record's current signature when the file the record
    publishes now is the file signed (same document, same content), else None.
    """
    by_type = defaultdict(list)
    for record in records:
        record.signature_mark = None
        if record.pk is not None:
            by_type[type(record)].append(record)
    if not by_type:
        return records
    lookup = {}
    query = None
    for items in by_type.values():
        # Content types are cached by Django after the first request.
        content_type, _object_id = object_reference(items[0])
        ids = [str(item.pk) for item in items]
        part = Q(content_type=content_type, object_id__in=ids)
        query = part if query is None else query | part
        for item in items:
            lookup[(content_type.pk, str(item.pk))] = item
    # The qualified signature rides along as a subquery: the listing costs
    # the same queries whether its documents are signed or not.
    qualified = QualifiedSignature.objects.filter(signature=OuterRef("pk"))
    signatures = (
        Signature.objects.current()
        .filter(query)
        .annotate(
            qualified_certificate=Subquery(
                qualified.values("certificate")[:1], output_field=JSONField()
            )
        )
    )
    for signature in signatures:
        record = lookup.get((signature.content_type_id, signature.object_id))
        if record is not None and is_file_unchanged(record, signature):
            record.signature_mark = signature
    return records


def is_file_unchanged(record, signature):
    document = record.primary_file
    return (
        document is not None
        and document.pk == signature.document_id
        and (document.file_hash or "") == signature.file_hash
    )

"""The public check of a signature key: is the file served the file signed?"""

from dataclasses import dataclass

from django.core.cache import cache

from .digests import sha256_of
from .models import Signature
from .pages import content_sha256, signed_fields

VALID = "valid"
CHANGED = "changed"
MISSING = "missing"

# The key of ``public_records`` whose value gives, for a page model, the
# queryset of its pages a visitor may see.
PAGES = "pages"

RATE_LIMIT = 30  # checks per address
RATE_WINDOW = 60  # seconds


@dataclass
class Check:
    outcome: str
    signature: Signature | None = None
    record: object = None
    qualified: object = None


def rate_limited(request):
    """True once an address has asked for more than RATE_LIMIT checks a minute."""
    address = request.META.get("REMOTE_ADDR", "")
    key = f"mentoring-signature-check:{address}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT


def check_key(key, public_records):
    """Check the signature named ``key`` among ``public_records`` (by model).

    ``public_records`` maps a model to the queryset of its records a visitor
    may see (and ``PAGES`` to a function giving the pages a visitor may see);
    a key of any other record reads as missing, like a wrong key.
    """
    signature = (
        Signature.objects.filter(key=str(key)[:64].lower())
        .select_related("document", "content_type")
        .first()
    )
    if signature is None:
        return Check(MISSING)
    if signature.document_id is None:
        return check_page(signature, public_records.get(PAGES))
    queryset = public_records.get(signature.content_type.model_class())
    record = (
        queryset.filter(pk=signature.object_id).first()
        if queryset is not None and signature.object_id.isdigit()
        else None
    )
    if record is None:
        return Check(MISSING)
    qualified = signature.qualified.first()
    current = record.primary_file
    if (
        signature.superseded_at is None
        and current is not None
        and current.pk == signature.document_id
        and _stored_sha256(current) == signature.sha256
    ):
        return Check(VALID, signature, record, qualified)
    return Check(CHANGED, signature, record, qualified)


def _stored_sha256(document):
    try:
        return sha256_of(document.file)
    except OSError:  # the file is gone from the storage
        return ""


def check_page(signature, visible_pages):
    """A page's signature: is the page served now the content signed?"""
    model = signature.content_type.model_class()
    if visible_pages is None or model is None or not signature.object_id.isdigit():
        return Check(MISSING)
    page = visible_pages(model).filter(pk=signature.object_id).first()
    if page is None:
        return Check(MISSING)
    page = page.specific
    if signed_fields(page) is None:
        return Check(MISSING)
    if (
        signature.superseded_at is None
        and page.live_revision_id == signature.revision_id
        and content_sha256(page) == signature.sha256
    ):
        return Check(VALID, signature, page)
    return Check(CHANGED, signature, page)

"""Background work of signatures: the GOST R 34.11-2012 digest of a signed file.

gostcrypto is pure Python (seconds per megabyte), so the Стрибог digest is
computed after the director's approval, not during it; SHA-256 (what the key
and the verification rely on) is computed at once.
"""

import hashlib

from django_tasks import task
from gostcrypto import gosthash

from .digests import file_digests


@task()
def compute_streebog(signature_pk):
    from .models import Signature

    signature = (
        Signature.objects.select_related("document").filter(pk=signature_pk).first()
    )
    if signature is None or signature.streebog256:
        return
    sha256, streebog = file_digests(signature.document.file)
    if sha256 == signature.sha256:  # still the file that was signed
        Signature.objects.filter(pk=signature_pk).update(streebog256=streebog)


@task()
def compute_page_streebog(signature_pk):
    """The Стрибог digest of a signed page's canonical content, if still live."""
    # deferred: pages imports this module (it enqueues the task)
    from .models import Signature
    from .pages import canonical_content, live_page

    signature = Signature.objects.filter(pk=signature_pk).first()
    if signature is None or signature.streebog256:
        return
    page = signature.content_object
    page = live_page(page) if page is not None else None
    if page is None or page.live_revision_id != signature.revision_id:
        return
    content = canonical_content(page)
    if hashlib.sha256(content).hexdigest() == signature.sha256:
        streebog = gosthash.new("streebog256", data=content).hexdigest()
        Signature.objects.filter(pk=signature_pk).update(streebog256=streebog)

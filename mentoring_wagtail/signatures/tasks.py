"""Background work of signatures: the GOST R 34.11-2012 digest of a signed file.

gostcrypto is pure Python (seconds per megabyte), so the Стрибог digest is
computed after the director's approval, not during it; SHA-256 (what the key
and the verification rely on) is computed at once.
"""

from django_tasks import task

from .digests import file_digests
from .models import Signature


@task()
def compute_streebog(signature_pk):
    signature = (
        Signature.objects.select_related("document").filter(pk=signature_pk).first()
    )
    if signature is None or signature.streebog256:
        return
    sha256, streebog = file_digests(signature.document.file)
    if sha256 == signature.sha256:  # still the file that was signed
        Signature.objects.filter(pk=signature_pk).update(streebog256=streebog)

"""Unique keys of signatures: HMAC-SHA256 with a server-held secret.

The key names a signature publicly, so it must not be guessable from what the
page shows (document, date, digest): a random nonce and a secret go in. 160
bits, base32 without padding (32 characters).
"""

import base64
import secrets

from django.utils.crypto import salted_hmac

from ..conf import get_setting

SALT = "mentoring_wagtail.signatures.key"
KEY_BYTES = 20


def new_nonce():
    return secrets.token_hex(16)


def signature_key(object_reference, document_id, sha256, signed_at, nonce):
    value = "|".join(
        [object_reference, str(document_id), sha256, signed_at.isoformat(), nonce]
    )
    secret = get_setting("SIGNATURE_SECRET")
    digest = salted_hmac(SALT, value, secret=secret, algorithm="sha256").digest()
    return base64.b32encode(digest[:KEY_BYTES]).decode("ascii").lower()

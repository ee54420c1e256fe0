"""A single-use link's token is never stored: only this hash of it."""

import hashlib


def hash_token(token):
    return hashlib.sha256(token.encode("ascii", "ignore")).hexdigest()

"""Digests of a stored file, read through Django's storage API in chunks."""

import hashlib

from gostcrypto import gosthash

CHUNK = 64 * 1024


def file_digests(field_file):
    """``(sha256 hex, streebog256 hex)`` of a ``FieldFile``'s current content."""
    sha256 = hashlib.sha256()
    streebog = gosthash.new("streebog256")
    with field_file.storage.open(field_file.name, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            sha256.update(chunk)
            streebog.update(chunk)
    return sha256.hexdigest(), streebog.hexdigest()


def sha256_of(field_file):
    digest = hashlib.sha256()
    with field_file.storage.open(field_file.name, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()

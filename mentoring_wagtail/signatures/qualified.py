"""Checking a detached qualified signature (КЭП): CMS SignedData, GOST R 34.10-2012.

asn1crypto reads the CMS structure and the certificate; gostcrypto computes
GOST R 34.11-2012 digests and checks the GOST R 34.10-2012 signature. CMS
stores GOST values in the conventions of RFC 4491 / Р 1323565.1.024: the
public key is an OCTET STRING of x and y, each little-endian; the signature
value is s || r, each big-endian; the digest enters the curve arithmetic as a
little-endian number. gostcrypto wants big-endian x || y, r || s and a
big-endian digest, hence the reversals below.

The chain of trust up to an accredited certification centre is NOT checked
here (the package holds no trusted list): the page shows the issuer.
"""

import base64
import binascii
import datetime
import re

from asn1crypto import cms, core, x509
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from gostcrypto import gosthash, gostsignature

DIGESTS = {
    "1.2.643.7.1.1.2.2": ("streebog256", "GOST R 34.11-2012 256"),
    "1.2.643.7.1.1.2.3": ("streebog512", "GOST R 34.11-2012 512"),
}
KEY_ALGORITHMS = {"1.2.643.7.1.1.1.1": 32, "1.2.643.7.1.1.1.2": 64}
SIGNATURE_ALGORITHMS = {
    "1.2.643.7.1.1.1.1",
    "1.2.643.7.1.1.1.2",
    "1.2.643.7.1.1.3.2",
    "1.2.643.7.1.1.3.3",
}
# Curve OIDs → gostcrypto's names. The CryptoPro sets of GOST R 34.10-2001
# are the tc26 256-bit sets B, C, D (Р 1323565.1.024-2019, table A.1).
CURVES = {
    "1.2.643.2.2.35.1": "id-tc26-gost-3410-2012-256-paramSetB",
    "1.2.643.2.2.35.2": "id-tc26-gost-3410-2012-256-paramSetC",
    "1.2.643.2.2.35.3": "id-tc26-gost-3410-2012-256-paramSetD",
    "1.2.643.2.2.36.0": "id-tc26-gost-3410-2012-256-paramSetB",
    "1.2.643.2.2.36.1": "id-tc26-gost-3410-2012-256-paramSetD",
    "1.2.643.7.1.2.1.1.1": "id-tc26-gost-3410-2012-256-paramSetA",
    "1.2.643.7.1.2.1.1.2": "id-tc26-gost-3410-2012-256-paramSetB",
    "1.2.643.7.1.2.1.1.3": "id-tc26-gost-3410-2012-256-paramSetC",
    "1.2.643.7.1.2.1.1.4": "id-tc26-gost-3410-2012-256-paramSetD",
    "1.2.643.7.1.2.1.2.1": "id-tc26-gost-3410-12-512-paramSetA",
    "1.2.643.7.1.2.1.2.2": "id-tc26-gost-3410-12-512-paramSetB",
    "1.2.643.7.1.2.1.2.3": "id-tc26-gost-3410-2012-512-paramSetC",
}
# Russian name attributes of qualified certificates (приказ ФСБ № 795).
INN = "1.2.643.3.131.1.1"
OGRN = "1.2.643.100.1"
SNILS = "1.2.643.100.3"
INN_LE = "1.2.643.100.4"

MAX_SIGNATURE_SIZE = 256 * 1024


class _Algorithm(core.Sequence):
    _fields = [
        ("algorithm", core.ObjectIdentifier),
        ("parameters", core.Any, {"optional": True}),
    ]


class _GostKeyParameters(core.Sequence):
    _fields = [
        ("public_key_param_set", core.ObjectIdentifier),
        ("digest_param_set", core.ObjectIdentifier, {"optional": True}),
    ]


class _GostPublicKeyInfo(core.Sequence):
    """SubjectPublicKeyInfo read without asn1crypto's table of known keys."""

    _fields = [("algorithm", _Algorithm), ("public_key", core.OctetBitString)]


def refuse(message):
    raise ValidationError(message, code="invalid_signature")


def cms_bytes(data):
    """DER of a ``.sig``/``.p7s`` given as DER, PEM or bare Base64."""
    if data[:1] == b"\x30":
        return data
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        refuse(_("The file is not a CMS signature (.sig, .p7s)."))
    text = re.sub(r"-----(BEGIN|END) [A-Z0-9 ]+-----", "", text)
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        refuse(_("The file is not a CMS signature (.sig, .p7s)."))


def file_digest(name, chunks):
    digest = gosthash.new(name)
    for chunk in chunks:
        digest.update(chunk)
    return digest.digest()


def verify_detached(signature_data, read_chunks, now=None, known_digests=None):
    """Check a detached CMS signature of the file ``read_chunks()`` yields.

    ``known_digests`` (``{"streebog256": bytes}``) spares reading the file
    again when its digest is already known (pure-Python Стрибог is slow).

    Returns the certificate details to show; raises ``ValidationError``
    with the reason in Russian when the signature does not hold.
    """
    if len(signature_data) > MAX_SIGNATURE_SIZE:
        refuse(_("The signature file is too large."))
    try:
        info = cms.ContentInfo.load(cms_bytes(signature_data), strict=True)
        if info["content_type"].native != "signed_data":
            refuse(_("The file is not a CMS signature (.sig, .p7s)."))
        signed = info["content"]
        signer = signed["signer_infos"][0]
        attributes = signer["signed_attrs"]
        certificates = [c.chosen for c in signed["certificates"] or []]
        encapsulated = signed["encap_content_info"]["content"].native
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001  asn1crypto raises many kinds on bad input
        refuse(_("The file is not a CMS signature (.sig, .p7s)."))
    if encapsulated is not None:
        refuse(
            _(
                "The signature holds the document inside it; "
                "attach a detached signature."
            )
        )
    if not len(attributes):
        refuse(_("The signature has no signed attributes (CAdES-BES expected)."))
    digest_oid = signer["digest_algorithm"]["algorithm"].dotted
    if digest_oid not in DIGESTS:
        refuse(_("The signature does not use GOST R 34.11-2012."))
    digest_name, digest_label = DIGESTS[digest_oid]
    certificate = _signer_certificate(signer, certificates)
    values = {a["type"].dotted: a["values"] for a in attributes}
    message_digest = values.get("1.2.840.113549.1.9.4")
    if not message_digest:
        refuse(_("The signature has no message digest attribute."))
    known = (known_digests or {}).get(digest_name)
    digest = known or file_digest(digest_name, read_chunks())
    if bytes(message_digest[0].native) != digest:
        refuse(_("The signature was made for another file, or the file was changed."))
    signed_attributes = b"\x31" + attributes.dump()[1:]  # [0] IMPLICIT → SET OF
    _verify_value(
        certificate,
        file_digest(digest_name, [signed_attributes]),
        bytes(signer["signature"].native),
    )
    signing_time = None
    if values.get("1.2.840.113549.1.9.5"):
        signing_time = values["1.2.840.113549.1.9.5"][0].native
    details = certificate_details(certificate)
    _check_validity(certificate, signing_time or now or timezone.now())
    details["signing_time"] = _format(signing_time) if signing_time else ""
    details["digest"] = digest_label
    return details


def _signer_certificate(signer, certificates):
    sid = signer["sid"]
    for certificate in certificates:
        if sid.name == "issuer_and_serial_number":
            if (
                certificate.issuer == sid.chosen["issuer"]
                and certificate.serial_number == sid.chosen["serial_number"].native
            ):
                return certificate
        elif certificate.key_identifier == sid.chosen.native:
            return certificate
    refuse(_("The signer's certificate is not inside the signature."))


def _verify_value(certificate, digest, value):
    key_info = _GostPublicKeyInfo.load(
        certificate["tbs_certificate"]["subject_public_key_info"].dump()
    )
    size = KEY_ALGORITHMS.get(key_info["algorithm"]["algorithm"].dotted)
    if size is None:
        refuse(_("The certificate's key is not a GOST R 34.10-2012 key."))
    parameters = _GostKeyParameters.load(key_info["algorithm"]["parameters"].dump())
    curve = CURVES.get(parameters["public_key_param_set"].dotted)
    if curve is None:
        refuse(_("The certificate uses unknown GOST curve parameters."))
    key = core.OctetString.load(key_info["public_key"].native).native
    if len(key) != 2 * size or len(value) != 2 * size or len(digest) != size:
        refuse(_("The signature does not match the certificate's key."))
    public_key = key[:size][::-1] + key[size:][::-1]
    r_s = value[size:] + value[:size]
    mode = gostsignature.MODE_256 if size == 32 else gostsignature.MODE_512
    checker = gostsignature.new(mode, gostsignature.CURVES_R_1323565_1_024_2019[curve])
    try:
        good = checker.verify(
            bytearray(public_key), bytearray(digest[::-1]), bytearray(r_s)
        )
    except Exception:  # noqa: BLE001  gostcrypto's GOSTSignatureError
        good = False
    if not good:
        refuse(_("The signature value is wrong: the signature is damaged or forged."))


def _check_validity(certificate, moment):
    validity = certificate["tbs_certificate"]["validity"]
    not_before = validity["not_before"].native
    not_after = validity["not_after"].native
    if moment > not_after:
        refuse(
            _("The certificate expired on %(date)s, before the signature was made.")
            % {"date": _format(not_after)}
        )
    if moment < not_before:
        refuse(_("The certificate was not yet valid when the signature was made."))


def _format(moment):
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")
    return str(moment)


def _name_values(name):
    values = {}
    for rdn in name.chosen:
        for pair in rdn:
            values[pair["type"].dotted] = pair["value"].native
    return values


def certificate_details(certificate: x509.Certificate):
    """What the site shows of a certificate (no SNILS: it is personal data)."""
    subject = _name_values(certificate.subject)
    surname = subject.get("2.5.4.4", "")
    given = subject.get("2.5.4.42", "")
    owner = " ".join(filter(None, [surname, given])) or subject.get("2.5.4.3", "")
    validity = certificate["tbs_certificate"]["validity"]
    return {
        "owner": str(owner),
        "common_name": str(subject.get("2.5.4.3", "")),
        "title": str(subject.get("2.5.4.12", "")),
        "organisation": str(subject.get("2.5.4.10", "")),
        "inn": str(subject.get(INN, "") or subject.get(INN_LE, "")),
        "ogrn": str(subject.get(OGRN, "")),
        "has_snils": bool(subject.get(SNILS)),
        "issuer": str(_name_values(certificate.issuer).get("2.5.4.3", ""))
        or certificate.issuer.human_friendly,
        "serial": format(certificate.serial_number, "X"),
        "valid_from": _format(validity["not_before"].native),
        "valid_to": _format(validity["not_after"].native),
    }

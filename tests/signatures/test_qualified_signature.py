"""Qualified signatures (КЭП) made by OpenSSL's GOST engine: verified or refused."""

import base64

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from mentoring_wagtail.signatures.attaching import attach_qualified
from mentoring_wagtail.signatures.models import QualifiedSignature
from mentoring_wagtail.signatures.qualified import verify_detached

from ..documents_support import make_site_tree, pdf_bytes
from .gost_openssl import GostCA, requires_gost
from .support import signed_order

pytestmark = requires_gost

PDF = pdf_bytes("Приказ о наставничестве")


@pytest.fixture(scope="module")
def ca(tmp_path_factory):
    authority = GostCA(tmp_path_factory.mktemp("gost-ca"))
    authority.certificate("director")
    authority.certificate("expired", "20200101000000Z", "20210101000000Z")
    return authority


def check(signature, data=PDF):
    return verify_detached(signature, lambda: [data])


def reason(signature, data=PDF):
    with pytest.raises(ValidationError) as error:
        check(signature, data)
    return error.value.messages[0]


@pytest.mark.django_db
def test_a_good_signature_shows_the_certificate(ca):
    details = check(ca.sign(PDF))
    assert details["owner"] == "Вишнякова Анна Борисовна"
    assert details["title"] == "Директор"
    assert details["organisation"] == "МБОУ СШ № 7"
    assert details["inn"] == "007700000000" and details["ogrn"] == "1027700000000"
    assert details["issuer"] == "Тестовый УЦ ФНС"
    assert details["serial"] and details["valid_from"] and details["signing_time"]
    assert "12345678901" not in str(details)  # СНИЛС stays out of the public page


@pytest.mark.django_db
def test_base64_and_pem_signatures_are_read(ca):
    der = ca.sign(PDF)
    assert check(base64.b64encode(der))["owner"]
    assert check(ca.sign(PDF, outform="PEM"))["owner"]


@pytest.mark.django_db
def test_gost_512_key_and_digest(tmp_path):
    authority = GostCA(tmp_path, algorithm="gost2012_512", curve="A")
    authority.certificate("director")
    details = check(authority.sign(PDF, digest="md_gost12_512"))
    assert details["digest"] == "GOST R 34.11-2012 512"


@pytest.mark.django_db
def test_a_signature_of_another_file_is_refused(ca):
    assert "другого файла" in reason(ca.sign(pdf_bytes("Другой приказ")))


@pytest.mark.django_db
def test_a_tampered_signature_is_refused(ca):
    data = bytearray(ca.sign(PDF))
    data[-20] ^= 0x01  # inside the signature value, at the end of SignerInfo
    assert "подпись повреждена" in reason(bytes(data))


@pytest.mark.django_db
def test_an_expired_certificate_is_refused(ca):
    assert "истёк" in reason(ca.sign(PDF, name="expired"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data", [PDF, b"", b"\x30\x03\x02\x01\x01", b"not base64 at all!", b"\xff" * 64]
)
def test_non_cms_files_are_refused(data):
    assert "не является подписью CMS" in reason(data)


@pytest.fixture
def registry():
    return make_site_tree()


@pytest.mark.django_db
def test_attached_signature_changes_the_mark_and_is_offered(
    client, ca, registry, django_capture_on_commit_callbacks
):
    site, _section, page = registry
    with django_capture_on_commit_callbacks(execute=True):
        order, signature = signed_order(site)
    signature.refresh_from_db()
    assert signature.streebog256  # the known digest is used, not recomputed
    with order.signed_scan.file.open("rb") as handle:
        scan = handle.read()
    qualified = attach_qualified(signature, ca.sign(scan), None)
    assert qualified.certificate["owner"] == "Вишнякова Анна Борисовна"
    assert ModelLogEntry.objects.filter(
        object_id=str(order.pk), action="mentoring_wagtail.qualified_signature"
    ).exists()
    cache.clear()
    listing = client.get(page.url).text
    assert "Документ подписан квалифицированной электронной подписью" in listing
    check_page = client.get(f"{page.url}signature/{signature.key}/").text
    assert "Тестовый УЦ ФНС" in check_page and "Подпись действительна" in check_page
    download = client.get(f"{page.url}signature/{signature.key}/sig/")
    assert download.status_code == 200
    with qualified.sig_file.open("rb") as stored:
        assert b"".join(download.streaming_content) == stored.read()


@pytest.mark.django_db
def test_a_refused_signature_stores_nothing(ca, registry):
    site, _section, _page = registry
    _order, signature = signed_order(site)
    with pytest.raises(ValidationError):
        attach_qualified(signature, ca.sign(PDF), None)
    assert not QualifiedSignature.objects.exists()

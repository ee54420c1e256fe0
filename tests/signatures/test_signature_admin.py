"""The admin page of signatures: who sees it, who attaches a КЭП, what is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mentoring_wagtail.signatures.admin.views import signatures_url
from mentoring_wagtail.signatures.models import QualifiedSignature

from ..approvals_support import login, make_user, setup_roles
from ..documents_support import make_site_tree, pdf_bytes
from ..module_state import fresh_all, module_db_state, start_from
from .gost_openssl import GostCA, requires_gost
from .support import signed_order

pytestmark = pytest.mark.django_db


def build_world():
    site, _section, _registry = make_site_tree()
    users = setup_roles()
    order, signature = signed_order(site)
    return users, order, signature


# Built once for the module; each test starts from it (tests/module_state.py).
_world = module_db_state(build_world)


@pytest.fixture
def world(_world, db, media_root):
    return fresh_all(start_from(_world, media_root))


def upload(data):
    return {"sig_file": SimpleUploadedFile("order.sig", data)}


@requires_gost
def test_secretary_attaches_a_verified_signature(client, world, tmp_path):
    users, order, signature = world
    ca = GostCA(tmp_path)
    ca.certificate("director")
    with order.signed_scan.file.open("rb") as handle:
        good = ca.sign(handle.read())
    login(client, users["secretary"])
    url = signatures_url(order)
    page = client.get(url)
    assert page.status_code == 200 and signature.key in page.text
    refused = client.post(url, upload(ca.sign(pdf_bytes("Чужой файл"))))
    assert refused.status_code == 200
    assert "Подпись сделана для другого файла" in refused.text
    assert not QualifiedSignature.objects.exists()
    assert client.post(url, upload(good)).status_code == 302
    assert QualifiedSignature.objects.get().attached_by == users["secretary"]


def test_a_non_cms_upload_is_refused_in_russian(client, world):
    users, order, _signature = world
    login(client, users["secretary"])
    response = client.post(signatures_url(order), upload(b"%PDF-1.4 not a signature"))
    assert "Файл не является подписью CMS" in response.text
    assert not QualifiedSignature.objects.exists()


def test_without_the_right_to_change_nothing_is_attached(client, world):
    _users, order, _signature = world
    outsider = make_user("outsider")
    login(client, outsider)
    assert client.get(signatures_url(order)).status_code in (302, 403)
    response = client.post(signatures_url(order), upload(b"x"))
    assert response.status_code in (302, 403)
    assert not QualifiedSignature.objects.exists()

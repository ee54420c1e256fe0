"""Uploads are checked by content: real bad files, refused with a clear message."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils import WagtailTestUtils

from mentoring_wagtail.documents.validators import validate_document_bytes

from ..documents_support import (
    docx_bytes,
    exe_bytes,
    make_document,
    make_order,
    mentoring_collection,
    odt_bytes,
    pdf_bytes,
)

FILES = Path(__file__).parent.parent / "files" / "documents"


def refused(data, code):
    with pytest.raises(ValidationError) as error:
        validate_document_bytes(data)
    assert error.value.code == code, error.value
    return error.value.messages[0]


def test_sound_files_are_accepted():
    assert validate_document_bytes(pdf_bytes()) == "pdf"
    assert validate_document_bytes(docx_bytes()) == "docx"
    assert validate_document_bytes(odt_bytes()) == "odt"


def test_a_renamed_executable_is_refused():
    message = refused((FILES / "prikaz-scan.pdf").read_bytes(), "file_type_refused")
    assert "PDF" in message


def test_a_truncated_pdf_is_refused():
    refused((FILES / "truncated-scan.pdf").read_bytes(), "broken_pdf")


def test_a_zip_that_is_not_a_word_document_is_refused():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff" + b"0" * 100)
    refused(output.getvalue(), "broken_docx")


def test_a_broken_docx_is_refused():
    refused(docx_bytes()[:400], "broken_docx")


def test_an_empty_file_is_refused():
    refused(b"", "empty_file")


def test_the_size_limit_is_configurable(settings):
    settings.MENTORING_WAGTAIL_MAX_UPLOAD_SIZE = 1000
    message = refused(pdf_bytes("x" * 2000), "file_too_large")
    assert "1000" in message or "1,0" in message or "KB" in message or "КБ" in message


def test_the_accepted_types_are_configurable(settings):
    settings.MENTORING_WAGTAIL_ALLOWED_DOCUMENT_TYPES = ("pdf",)
    refused(odt_bytes(), "file_type_refused")
    refused(docx_bytes(), "file_type_refused")


@override_settings(
    WAGTAILDOCS_DOCUMENT_FORM_BASE="mentoring_wagtail.documents.forms.MentoringDocumentForm"
)
class TestWagtailUploads(WagtailTestUtils, TestCase):
    """Wagtail's own document upload views, with our form base enabled."""

    def setUp(self):
        self.login()
        self.collection = mentoring_collection()
        self.other = Collection.get_first_root_node().add_child(name="Новости")

    def upload(self, name, data, collection):
        return self.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": name,
                "file": SimpleUploadedFile(name, data),
                "collection": collection.pk,
            },
        )

    def test_a_renamed_executable_is_refused_in_the_mentoring_collection(self):
        response = self.upload("prikaz.pdf", exe_bytes(), self.collection)
        assert response.status_code == 200
        assert response.context["form"].errors["file"]
        assert not get_document_model().objects.exists()

    def test_a_sound_scan_is_accepted(self):
        response = self.upload("prikaz.pdf", pdf_bytes(), self.collection)
        assert response.status_code == 302
        assert get_document_model().objects.get().collection == self.collection

    def test_a_child_collection_is_protected_too(self):
        child = self.collection.add_child(name="Приказы")
        response = self.upload("prikaz.pdf", exe_bytes(), child)
        assert response.status_code == 200
        assert not get_document_model().objects.exists()

    def test_other_collections_keep_wagtails_rules(self):
        response = self.upload("news.pdf", b"plain text", self.other)
        assert response.status_code == 302

    def test_multiple_upload_refuses_a_renamed_executable(self):
        response = self.client.post(
            reverse("wagtaildocs:add_multiple"),
            {
                "files[]": SimpleUploadedFile("scan.pdf", exe_bytes()),
                "collection": self.collection.pk,
            },
        )
        assert response.status_code == 200
        assert response.json()["success"] is False
        assert response.json()["error_message"]
        assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_an_order_refuses_a_signed_scan_that_is_not_a_pdf():
    elsewhere = Collection.get_first_root_node().add_child(name="Прочее")
    word = make_document("Проект", docx_bytes(), "draft.docx", collection=elsewhere)
    order = make_order()
    order.signed_scan = word
    with pytest.raises(ValidationError) as error:
        order.full_clean()
    assert "signed_scan" in error.value.message_dict


@pytest.mark.django_db
def test_an_order_refuses_a_renamed_executable_uploaded_elsewhere():
    elsewhere = Collection.get_first_root_node().add_child(name="Прочее")
    fake = make_document("Скан", exe_bytes(), "scan.pdf", collection=elsewhere)
    order = make_order()
    order.signed_scan = fake
    with pytest.raises(ValidationError) as error:
        order.full_clean()
    assert "signed_scan" in error.value.message_dict


def test_a_system_check_warns_without_our_document_form(settings):
    from mentoring_wagtail.checks import document_form_base_check

    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = (
        "mentoring_wagtail.documents.forms.MentoringDocumentForm"
    )
    assert document_form_base_check(None) == []
    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = ""
    assert [w.id for w in document_form_base_check(None)] == ["mentoring_wagtail.W002"]

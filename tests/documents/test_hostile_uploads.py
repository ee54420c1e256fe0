"""Rule 4 of issue 9: every upload is checked by content, whoever uploads and
through whichever form, with one clear message per refusal.

The hostile files (tests/documents/hostile_files.py) are refused by the
validator with the reason that fits, and through every upload path of the
admin (add, edit/replace, the chooser's upload tab, multiple upload), as a
superuser, who sees the collection field, and as the secretary of the demo
roles, who may add to one collection only and so never sees it.
"""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from mentoring_wagtail.documents.validators import validate_document_bytes

from ..approvals_support import make_user, setup_roles
from ..documents_support import make_document, mentoring_collection
from ..module_state import fresh_all, module_db_state, start_from
from .hostile_files import HOSTILE, SOUND

EXPECTED_CODES = {
    "renamed-windows-executable": "file_type_refused",
    "renamed-linux-executable": "file_type_refused",
    "pdf-javascript-open-action": "pdf_javascript",
    "pdf-javascript-names-tree": "pdf_javascript",
    "pdf-javascript-obfuscated-name": "pdf_javascript",
    "pdf-javascript-annotation": "pdf_javascript",
    "pdf-launch-action": "pdf_launch",
    "pdf-embedded-file": "pdf_embedded_file",
    "pdf-header-then-executable": "pdf_foreign_content",
    "pdf-header-then-html": "pdf_foreign_content",
    "html-then-pdf": "file_type_refused",
    "pdf-with-executable-appended": "broken_pdf",
    "pdf-broken-structure": "broken_pdf",
    "svg": "file_type_refused",
    "html": "file_type_refused",
    "zip-bomb": "broken_docx",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_hostile_file_is_refused_with_one_message(name):
    builder, _filename = HOSTILE[name]
    with pytest.raises(ValidationError) as error:
        validate_document_bytes(builder())
    assert len(error.value.messages) == 1
    if name.startswith("docx-entities-"):
        assert "entity declarations" in str(error.value.messages[0]) or (
            "сущност" in error.value.messages[0]
        )
    else:
        assert error.value.code == EXPECTED_CODES[name]


@pytest.mark.parametrize("name", sorted(SOUND))
def test_sound_files_still_pass(name):
    builder, _filename = SOUND[name]
    assert validate_document_bytes(builder()) == name


# Every upload path -------------------------------------------------------

# A few files standing for each kind of refusal: the full list is checked
# once through the path most users take (test_every_hostile_file_...).
THROUGH_EVERY_PATH = (
    "renamed-windows-executable",
    "pdf-javascript-open-action",
    "pdf-header-then-html",
    "docx-entities-utf-16-le",
)
PATHS = ("add", "replace", "chooser_upload", "multiple_upload")


def build_uploaders():
    users = setup_roles()
    admin = make_user("admin", is_superuser=True, is_staff=True)
    mentoring_collection()
    return {"superuser": admin, "secretary": users["secretary"]}


# Built once for the module; each test starts from it (tests/module_state.py).
_uploaders = module_db_state(build_uploaders)


@pytest.fixture
def uploaders(_uploaders, db, media_root):
    return fresh_all(start_from(_uploaders, media_root))


def _errors_text(response):
    """The page or JSON the user sees after the upload, as text."""
    if response["Content-Type"].startswith("application/json"):
        data = json.loads(response.content)
        return data.get("error_message") or data.get("htmlFragment") or ""
    return response.content.decode()


def upload(client, path, user, filename, data):
    """POST the file through ``path``; return (response, document or None)."""
    Document = get_document_model()
    client.force_login(user)
    collection = mentoring_collection()
    file = SimpleUploadedFile(filename, data)
    if path == "add":
        response = client.post(
            reverse("wagtaildocs:add"),
            {"title": "Скан", "file": file, "collection": collection.pk},
        )
    elif path == "replace":
        existing = make_document("Скан", filename="old.pdf")
        existing.uploaded_by_user = user
        existing.save()
        response = client.post(
            reverse("wagtaildocs:edit", args=[existing.pk]),
            {"title": "Скан", "file": file, "collection": collection.pk},
        )
        existing.refresh_from_db()
        return response, existing
    elif path == "chooser_upload":
        response = client.post(
            reverse("wagtaildocs_chooser:create"),
            {
                "document-chooser-upload-title": "Скан",
                "document-chooser-upload-file": file,
                "document-chooser-upload-collection": collection.pk,
            },
        )
    else:
        response = client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": file, "collection": collection.pk},
        )
    return response, Document.objects.filter(title__in=["Скан", filename]).first()


def test_the_secretary_is_confined_to_one_collection_and_sees_no_field(
    client, uploaders
):
    # The path the old check missed: Wagtail hides the field from her.
    client.force_login(uploaders["secretary"])
    response = client.get(reverse("wagtaildocs:add"))
    assert "collection" not in response.context["form"].fields


@pytest.mark.parametrize("who", ("superuser", "secretary"))
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("name", THROUGH_EVERY_PATH)
def test_hostile_files_are_refused_through_every_upload_path(
    client, uploaders, who, path, name
):
    builder, filename = HOSTILE[name]
    response, document = upload(client, path, uploaders[who], filename, builder())
    assert response.status_code == 200
    if path == "replace":
        # The stored file is the old one, untouched.
        assert document.file.name.endswith("old.pdf")
        with document.open_file() as handle:
            assert handle.read().startswith(b"%PDF-")
    else:
        assert document is None
    text = _errors_text(response)
    # One clear message, and not Wagtail's «File extension “” is not allowed»
    # that followed it before.
    assert "“”" not in text and "\u201c\u201d" not in text
    refusal = _refusal_message(builder())
    assert text.count(refusal) == 1, text[:2000]


def _refusal_message(data):
    from django.utils.html import escape

    with pytest.raises(ValidationError) as error:
        validate_document_bytes(data)
    return escape(error.value.messages[0])


@pytest.mark.parametrize("who", ("superuser", "secretary"))
@pytest.mark.parametrize("path", PATHS)
def test_a_sound_scan_goes_through_every_upload_path(client, uploaders, who, path):
    builder, filename = SOUND["pdf"]
    response, document = upload(client, path, uploaders[who], filename, builder())
    assert response.status_code in (200, 302)
    assert document is not None
    with document.open_file() as handle:
        assert handle.read() == builder()


def test_multiple_upload_with_an_invalid_collection_checks_the_file_first(
    client, uploaders
):
    # Otherwise Wagtail keeps the file aside as an «uploaded file» and files it
    # later, through a form that has no file field to check.
    from wagtail.models import UploadedFile

    client.force_login(uploaders["superuser"])
    builder, filename = HOSTILE["pdf-javascript-open-action"]
    # mentoring_setup files the draft of the ПЭП regulation: nothing is added to it.
    documents_before = set(get_document_model().objects.values_list("pk", flat=True))
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(filename, builder()), "collection": 999999},
    )
    assert json.loads(response.content)["success"] is False
    assert not UploadedFile.objects.exists()
    assert (
        set(get_document_model().objects.values_list("pk", flat=True))
        == documents_before
    )

"""Builders shared by the tests of official documents (test_documents_*.py)."""

import datetime
import io
import zipfile

from demo.simple_pdf import simple_pdf
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, Site

from mentoring_wagtail.conf import get_setting
from mentoring_wagtail.models import (
    DocumentRegistryPage,
    MentoringIndexPage,
    Order,
    OrganisationSettings,
)

TODAY = datetime.date.today()


def pdf_bytes(*lines):
    return simple_pdf(lines or ["Signed scan"])


def docx_bytes(*paragraphs):
    import docx

    document = docx.Document()
    for text in paragraphs or ["Положение о наставничестве"]:
        document.add_paragraph(text)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def odt_bytes():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"
        )
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return output.getvalue()


def exe_bytes():
    """The start of a Windows executable (an «MZ» header and a PE stub)."""
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
        + b"\x00" * 50
        + (b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 200)
    )


def mentoring_collection():
    root = Collection.get_first_root_node()
    name = get_setting("DOCUMENTS_COLLECTION_NAME")
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def make_document(title="Скан", data=None, filename="scan.pdf", collection=None):
    Document = get_document_model()
    document = Document(title=title, collection=collection or mentoring_collection())
    document.file.save(filename, ContentFile(data or pdf_bytes()), save=False)
    document.save()
    return document


def make_site_tree():
    """Home → «Наставничество» → «Документы» (registry) on the default site."""
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    section = home.add_child(
        instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
    )
    registry = section.add_child(
        instance=DocumentRegistryPage(title="Документы", slug="documents")
    )
    OrganisationSettings.objects.update_or_create(
        site=site,
        defaults={
            "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
            "«Средняя школа № 7»",
            "short_name": "МБОУ СШ № 7",
            "director_title": "Директор",
            "director_name": "А.Б. Вишнякова",
            "city": "г. Лесногорск",
        },
    )
    return site, section, registry


def make_order(site=None, publish=False, **fields):
    site = site or Site.objects.get(is_default_site=True)
    values = {
        "title": "О реализации целевой модели наставничества",
        "date": TODAY - datetime.timedelta(days=30),
        "kind": "implementation",
        "summary": "О внедрении наставничества в школе",
    }
    values.update(fields)
    order = Order(site=site, **values)
    order.save()
    if publish:
        publish_obj(order)
    return order


def publish_obj(obj):
    revision = obj.save_revision()
    revision.publish()
    obj.refresh_from_db()
    return obj


def root_page():
    return Page.get_first_root_node()

"""``mentoring_setup`` step: the draft local act a school needs to use ПЭП.

«Положение об использовании простой электронной подписи» is created, once per
site with a mentoring section, as a draft programme document filled from the
Word template ``simple_signature_regulation.docx``. The school edits it,
approves it by an order and only then relies on the mark.
"""

import io

import docx
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Site

from ..documents.editions import ProgrammeDocument
from ..documents.order_writer import _paragraphs_everywhere, _replace_in_paragraph
from ..section.models import MentoringIndexPage
from ..section.site_settings import OrganisationSettings
from ..setup_result import SetupResult
from ..word.templates import word_template_path
from .collections import documents_collection_for

TITLE = "Положение об использовании простой электронной подписи"
TEMPLATE = "simple_signature_regulation.docx"


def _sites():
    sections = list(MentoringIndexPage.objects.all())
    sites = [
        site
        for site in Site.objects.select_related("root_page")
        if any(section.path.startswith(site.root_page.path) for section in sections)
    ]
    return sites or list(Site.objects.filter(is_default_site=True))


def regulation_docx(organisation):
    document = docx.Document(str(word_template_path(TEMPLATE)))
    values = {
        "organisation": organisation.display_name if organisation else "",
        "director_title": organisation.director_title if organisation else "",
        "director_name": organisation.director_name if organisation else "",
    }
    for paragraph in _paragraphs_everywhere(document):
        _replace_in_paragraph(paragraph, values)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def ensure_simple_signature_regulation():
    for site in _sites():
        if ProgrammeDocument.objects.filter(site=site, title=TITLE).exists():
            yield SetupResult(False, _("Draft «%(title)s» found.") % {"title": TITLE})
            continue
        organisation = OrganisationSettings.for_site(site)
        Document = get_document_model()
        file = Document(title=TITLE, collection=documents_collection_for(site))
        file.file.save(
            "polozhenie-pep.docx",
            ContentFile(regulation_docx(organisation)),
            save=False,
        )
        file.save()
        regulation = ProgrammeDocument(
            site=site,
            title=TITLE,
            kind="other",
            date=timezone.localdate(),
            file=file,
            live=False,
        )
        regulation.save()
        regulation.save_revision()
        yield SetupResult(True, _("Draft «%(title)s» created.") % {"title": TITLE})

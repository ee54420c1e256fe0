"""``mentoring_setup`` drafts the local act on simple electronic signatures."""

import io

import docx
import pytest
from django.core.management import call_command

from mentoring_wagtail.models import ProgrammeDocument
from mentoring_wagtail.setup.signature_regulation import TITLE

from ..documents_support import make_site_tree

pytestmark = pytest.mark.django_db


def test_setup_drafts_the_regulation_once():
    make_site_tree()
    out = io.StringIO()
    call_command("mentoring_setup", stdout=out)
    call_command("mentoring_setup", stdout=io.StringIO())
    regulation = ProgrammeDocument.objects.get(title=TITLE)
    assert not regulation.live  # a draft: the school approves it by an order
    assert "Положение об использовании простой электронной подписи" in out.getvalue()
    with regulation.file.file.open("rb") as handle:
        text = "\n".join(
            p.text for p in docx.Document(io.BytesIO(handle.read())).paragraphs
        )
    assert "«Средняя школа № 7»" in text or "МБОУ СШ № 7" in text
    assert "А.Б. Вишнякова" in text and "{{" not in text
    assert "63-ФЗ" in text

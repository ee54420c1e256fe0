"""Every word a Russian school sees is Russian: public pages and commands."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from mentoring_wagtail.roadmaps.json_io import create_roadmap_page

from .roadmaps.test_roadmap_pages import make_roadmap

pytestmark = pytest.mark.django_db


def test_the_public_roadmap_flags_overdue_in_russian(client, mentoring_section):
    page = create_roadmap_page(mentoring_section, make_roadmap(5), publish=True)
    html = client.get(page.url, HTTP_ACCEPT_LANGUAGE="ru").text
    flags = re.findall(r'class="roadmap__overdue">([^<]+)<', html)
    assert flags and set(flags) == {"просрочено"}
    assert "overdue<" not in html


def test_import_and_export_commands_speak_russian(mentoring_section, tmp_path):
    with translation.override("ru"):
        with pytest.raises(CommandError, match="не найдена"):
            call_command("export_roadmap", "/nowhere/")
        with pytest.raises(CommandError, match="не дорожная карта"):
            call_command("export_roadmap", str(mentoring_section.pk))
        out = StringIO()
        page = create_roadmap_page(mentoring_section, make_roadmap(3), publish=True)
        call_command(
            "export_roadmap", str(page.pk), "-o", str(tmp_path / "r.docx"), stdout=out
        )
        out = StringIO()
        call_command(
            "import_roadmap",
            str(tmp_path / "r.docx"),
            "--parent",
            str(mentoring_section.pk),
            stdout=out,
        )
        assert "1 этап, 3 мероприятия" in out.getvalue()


def test_setup_command_speaks_russian(mentoring_section):
    from mentoring_wagtail.management.commands.mentoring_setup import Command

    with translation.override("ru"):
        out = StringIO()
        call_command("mentoring_setup", stdout=out)
        assert "Setup finished" not in out.getvalue()
        assert "Создать роли" in str(Command.help)
        text = out.getvalue()
    assert not re.search(r"\b(created|found|already)\b", text), text

"""``manage.py export_roadmap <page> --format docx|json [--report] [-o FILE]``."""

from django.core.management.base import CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ...roadmaps.export import export_roadmap_bytes, roadmap_page_model
from ..localized_help import LocalizedHelpCommand
from .import_roadmap import find_page


class Command(LocalizedHelpCommand):
    help = _("Export a roadmap page as Word (.docx) or JSON.")

    def add_arguments(self, parser):
        parser.add_argument("page", help=_("roadmap page: id or URL path"))
        parser.add_argument("--format", choices=("docx", "json"), default="docx")
        parser.add_argument(
            "--report", action="store_true", help=_("the execution report")
        )
        parser.add_argument(
            "--latest",
            action="store_true",
            help=_("the latest draft, not the live version"),
        )
        parser.add_argument(
            "-o", "--output", help=_("file to write; JSON goes to stdout by default")
        )

    def handle(self, *args, **options):
        page = find_page(options["page"])
        if not isinstance(page, roadmap_page_model()):
            raise CommandError(
                gettext("«%(title)s» is not a roadmap page.") % {"title": page.title}
            )
        if options["latest"]:
            page = page.get_latest_revision_as_object()
        content, _type, filename = export_roadmap_bytes(
            page, file_format=options["format"], report=options["report"]
        )
        output = options["output"]
        if output is None and options["format"] == "json":
            self.stdout.write(content.decode())
            return
        output = output or filename
        with open(output, "wb") as handle:
            handle.write(content)
        self.stdout.write(output)

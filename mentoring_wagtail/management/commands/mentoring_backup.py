"""``manage.py mentoring_backup --output backup.json.gz``: the database as JSON.

What ``dumpdata --natural-foreign`` writes, without the rows Django and Wagtail
rebuild, and with the audit log of deleted pages and users kept (see
``mentoring_wagtail.backup``). Restore with ``loaddata`` (docs/operations/backups.md).
"""

from django.core import serializers
from django.core.management import call_command
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ... import backup
from ..localized_help import LocalizedHelpCommand


class Command(LocalizedHelpCommand):
    help = _(
        "Back up the site's database as JSON (restore with loaddata); "
        "the files are backed up separately."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            required=True,
            help=_("file to write; .gz, .bz2, .xz or .zip compresses it"),
        )

    def handle(self, *args, **options):
        serializers.register_serializer(backup.FORMAT, "mentoring_wagtail.backup")
        call_command(
            "dumpdata",
            format=backup.FORMAT,
            use_natural_foreign_keys=True,
            exclude=backup.EXCLUDED,
            output=options["output"],
            verbosity=0,
        )
        self.stdout.write(
            gettext("Backup written to %(path)s.") % {"path": options["output"]}
        )

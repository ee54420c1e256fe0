from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentoring_wagtail.management.localized_help import LocalizedHelpCommand
from mentoring_wagtail.setup.steps import run_setup


class Command(LocalizedHelpCommand):
    help = gettext_lazy(
        "Create the mentoring roles, the documents collection and the default "
        "workflows. Safe to run again: it reports what it created or found."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--per-site",
            action="store_true",
            help=gettext_lazy(
                "Create the role groups per site even with one site; several "
                "sites with a mentoring section get them anyway."
            ),
        )

    def handle(self, *args, **options):
        results = run_setup(per_site=options["per_site"])
        if options["verbosity"] < 1:
            return
        for result in results:
            style = self.style.SUCCESS if result.created else self.style.NOTICE
            self.stdout.write(style(result.message))
        created = sum(result.created for result in results)
        self.stdout.write(
            _("Setup finished: %(created)d changes, %(found)d already in place.")
            % {"created": created, "found": len(results) - created}
        )

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentoring_wagtail.management.localized_help import LocalizedHelpCommand
from mentoring_wagtail.participants.conf import get_setting
from mentoring_wagtail.participants.privacy import enforce_retention


class Command(LocalizedHelpCommand):
    help = gettext_lazy(
        "Erase the data of participants whose retention period after the "
        "programme is over, or whose consent was withdrawn long enough ago. "
        "Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("list the people, erase nothing"),
        )

    def handle(self, *args, dry_run=False, **options):
        people = enforce_retention(dry_run=dry_run)
        for person in people:
            self.stdout.write(f"#{person.pk}")
        message = _("%(count)s people erased (retention %(days)s days).")
        if dry_run:
            message = _("%(count)s people would be erased (retention %(days)s days).")
        self.stdout.write(
            message % {"count": len(people), "days": get_setting("RETENTION_DAYS")}
        )

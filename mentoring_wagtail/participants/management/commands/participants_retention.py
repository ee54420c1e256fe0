from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from mentoring_wagtail.participants.conf import get_setting
from mentoring_wagtail.participants.privacy import enforce_retention


class Command(BaseCommand):
    help = (
        "Erase the data of participants whose retention period after the "
        "programme is over, or whose consent was withdrawn long enough ago. "
        "Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list the people, erase nothing"
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

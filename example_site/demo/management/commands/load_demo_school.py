"""Load the fictional demo school: site, section, organisation, logins, content.

Idempotent: a second run finds what the first created and changes nothing.
"""

import importlib
import pkgutil

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from demo import loaders
from demo.school import DEMO_PASSWORD, ensure_school


class Command(BaseCommand):
    help = "Load the fictional demo school and its demo logins."

    def handle(self, *args, **options):
        call_command("mentoring_setup", verbosity=0)
        with transaction.atomic():
            site, section, users = ensure_school()
            for module_info in sorted(pkgutil.iter_modules(loaders.__path__), key=lambda m: m.name):
                module = importlib.import_module(f"demo.loaders.{module_info.name}")
                module.load(site, section, users)
                self.stdout.write(f"Demo data loaded: {module_info.name}")
        # Sections created above get their role permissions.
        call_command("mentoring_setup", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo school ready. Logins (password for all: %s):" % DEMO_PASSWORD))
        for role, user in users.items():
            self.stdout.write(f"  {user.username:<14} {role}")

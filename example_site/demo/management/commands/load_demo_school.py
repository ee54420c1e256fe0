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
from mentoring_wagtail.access.staff_roles import get_role

# Documents first: the roadmap and workflows refer to the orders.
LOADER_ORDER = ("documents", "roadmap", "workflows")


def loader_names():
    found = {module.name for module in pkgutil.iter_modules(loaders.__path__)}
    ordered = [name for name in LOADER_ORDER if name in found]
    return ordered + sorted(found - set(ordered))


class Command(BaseCommand):
    help = "Загрузить вымышленную демонстрационную школу и её учётные записи."

    def handle(self, *args, **options):
        call_command("mentoring_setup", verbosity=0)
        with transaction.atomic():
            site, section, users = ensure_school()
            for name in loader_names():
                module = importlib.import_module(f"demo.loaders.{name}")
                module.load(site, section, users)
                self.stdout.write(f"Загружены демонстрационные данные: {name}")
        # Sections created above get their role permissions.
        call_command("mentoring_setup", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                "Демонстрационная школа готова. Логины "
                f"(пароль у всех: {DEMO_PASSWORD}):"
            )
        )
        self.stdout.write(f"  {'admin':<14} суперпользователь")
        for role, user in users.items():
            self.stdout.write(f"  {user.username:<14} {get_role(role).name}")

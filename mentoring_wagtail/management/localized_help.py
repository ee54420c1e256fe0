"""A command base whose translatable help text reaches argparse as a string.

Django hands ``help`` to argparse as the parser's description, and argparse
runs a regular expression over it: a lazy translation there raises
``TypeError`` on ``--help``. The text is translated when the parser is made,
in the active language (``LANGUAGE_CODE`` unless a command activates another).
"""

from django.core.management.base import BaseCommand


class LocalizedHelpCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

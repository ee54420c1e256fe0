"""The JSON format of ``manage.py mentoring_backup``: Django's, plus the audit
log of what was deleted.

Wagtail keeps the log of deleted pages and users: ``PageLogEntry.page`` and a
log entry's ``user`` and ``revision`` may point at rows that are gone
(``db_constraint=False``). ``dumpdata --natural-foreign`` looks each one up to
write its natural key, and the first missing one stops the whole backup. Here
a missing row is written as the plain id the log kept, which ``loaddata``
(the standard ``json`` format) reads back unchanged.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers import json, python

FORMAT = "mentoring_json"

# Rows Django and Wagtail make again themselves, and the search index
# (rebuilt with ``update_index`` after a restore).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "wagtailsearch"]


class KeepMissingTargets:
    def handle_fk_field(self, obj, field):
        try:
            super().handle_fk_field(obj, field)
        except ObjectDoesNotExist:
            self._current[field.name] = self._value_from_field(obj, field)


class PythonSerializer(KeepMissingTargets, python.Serializer):
    pass


class Serializer(KeepMissingTargets, json.Serializer):
    pass


Deserializer = json.Deserializer

"""The JSON format of ``manage.py mentoring_backup``: Django's, plus the audit
log of what was deleted.

Wagtail keeps the log of deleted pages and users: ``PageLogEntry.page`` and a
log entry's ``user`` and ``revision`` may point at rows that are gone
(``db_constraint=False``). ``dumpdata --natural-foreign`` looks each one up to
write its natural key, and the first missing one stops the whole backup. Here
a missing row is written as the plain id the log kept, which ``loaddata``
(the standard ``json`` format) reads back unchanged.

Content type ids differ between databases, so a row whose primary key *is*
a content type (Wagtail's ``WorkflowContentType``: which route a snippet type
follows) is written with the content type's natural key as a field instead of
its id; ``loaddata`` resolves it like any natural foreign key.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers import json, python

FORMAT = "mentoring_json"

# Rows Django and Wagtail make again themselves, the search index (rebuilt
# with ``update_index`` after a restore) and the running workers' heartbeats
# (each worker writes its own).
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "wagtailsearch",
    "mentoring_wagtail.workerheartbeat",
]


class PortableKeys:
    def handle_fk_field(self, obj, field):
        try:
            super().handle_fk_field(obj, field)
        except ObjectDoesNotExist:
            self._current[field.name] = self._value_from_field(obj, field)

    def get_dump_object(self, obj):
        data = super().get_dump_object(obj)
        pk = obj._meta.pk
        if (
            self.use_natural_foreign_keys
            and pk.is_relation
            and pk.related_model is ContentType
            and "pk" in data
        ):
            del data["pk"]
            data["fields"][pk.name] = getattr(obj, pk.name).natural_key()
        return data


class PythonSerializer(PortableKeys, python.Serializer):
    pass


class Serializer(PortableKeys, json.Serializer):
    pass


Deserializer = json.Deserializer

"""The text of a record's Word file, read for search by a background job.

Saving a record whose text source changed (or that has a source but no text
yet) clears ``file_text`` at once, so the old file's words are never found
under the new file, and records one job per record and source document
(``queue_file_text``). The job reads the file through Django's storage API,
writes the text only if the record still has that source (a newer file may
have replaced it meanwhile), updates Wagtail's search index and, for a
published record, moves the site's content version (cached registry pages). A file that
names people (``withheld_document_ids``) gives no text; a file that is not a
readable .docx gives an empty text; a storage that cannot be read fails the
job, which is retried and shown on «Фоновые задачи».
"""

from django.apps import apps
from django.utils.translation import gettext as _
from wagtail.search.index import insert_or_update_object

from .. import cache_version
from ..background.jobs import background_job, enqueue_job
from ..background.models import BackgroundJob, JobState
from ..word.text import document_text
from .serving import withheld_document_ids


def _key(record, source_id):
    return f"file-text:{record._meta.label_lower}:{record.pk}:{source_id}"


def record_text(record, source):
    """The searchable text of ``source`` for ``record`` (``""`` if withheld)."""
    if source is None or withheld_document_ids([source.pk]):
        return ""
    return document_text(source, raise_on_read_error=True)


@background_job
def extract_file_text_job(job, model, pk, source_id):
    record = apps.get_model(model)._default_manager.filter(pk=pk).first()
    field = record.text_source_field if record else None
    if record is None or getattr(record, f"{field}_id") != source_id:
        return {"skipped": True}
    text = record_text(record, getattr(record, field))
    updated = (
        type(record)
        ._default_manager.filter(pk=pk, **{f"{field}_id": source_id})
        .update(file_text=text)
    )
    if updated:
        record.file_text = text
        insert_or_update_object(record)
        if record.live:
            # The registry's cached search results now find other records.
            cache_version.bump()
    return {"characters": len(text)}


def queue_file_text(record, source_id, changed):
    """Record the job reading ``source_id`` for ``record`` (started after the
    commit). One key per record and source: saving again while it waits gives
    the same job; a source put back after another one is read again."""
    key = _key(record, source_id)
    if changed:
        BackgroundJob.objects.filter(key=key, state=JobState.DONE).update(key=None)
    return enqueue_job(
        extract_file_text_job,
        _("Text of the file of «%(title)s» for search") % {"title": record.title},
        key=key,
        model=record._meta.label_lower,
        pk=record.pk,
        source_id=source_id,
    )

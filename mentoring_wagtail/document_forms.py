"""Wagtail's document form, with content checks for the mentoring collection.

Enable it in the site's settings::

    WAGTAILDOCS_DOCUMENT_FORM_BASE = (
        "mentoring_wagtail.document_forms.MentoringDocumentForm"
    )

Wagtail uses the base form for every document upload: the «Add a document»
page, multiple upload, the chooser's upload tab and replacing a file. Files
going into the mentoring collection (or a collection inside it) are checked by
content (:mod:`mentoring_wagtail.validators`); other collections of the school
site keep Wagtail's own rules.
"""

from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.models import Collection

from .conf import get_setting
from .validators import validate_document_file


def mentoring_collection_paths():
    """Tree paths of the top-level collections named like the mentoring one."""
    return list(
        Collection.objects.filter(
            depth=2, name=get_setting("DOCUMENTS_COLLECTION_NAME")
        ).values_list("path", flat=True)
    )


def is_mentoring_collection(collection):
    if collection is None:
        return False
    return any(
        collection.path.startswith(path) for path in mentoring_collection_paths()
    )


class MentoringDocumentFormMixin:
    """Refuse files in the mentoring collection that fail the content checks."""

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        collection = cleaned_data.get("collection") or getattr(
            self.instance, "collection", None
        )
        file_changed = "file" in self.changed_data or (
            # moving an existing file into the mentoring collection
            "collection" in self.changed_data and self.instance.pk
        )
        if upload and file_changed and is_mentoring_collection(collection):
            try:
                validate_document_file(upload)
            except ValidationError as error:
                self.add_error("file", error)
        return cleaned_data


class MentoringDocumentForm(MentoringDocumentFormMixin, BaseDocumentForm):
    pass

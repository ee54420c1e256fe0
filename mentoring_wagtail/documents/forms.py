"""Wagtail's document form, with content checks for the mentoring collection.

Enable it in the site's settings::

    WAGTAILDOCS_DOCUMENT_FORM_BASE = (
        "mentoring_wagtail.documents.forms.MentoringDocumentForm"
    )

Wagtail uses the base form for every document upload: the «Add a document»
page, multiple upload, the chooser's upload tab and replacing a file. Files
going into the mentoring collection (or a collection inside it) are checked by
content (:mod:`mentoring_wagtail.documents.validators`); other collections of the school
site keep Wagtail's own rules.
"""

from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm

from .serving import mentoring_collection_paths
from .validators import validate_document_file


def is_mentoring_collection(collection):
    if collection is None:
        return False
    return any(
        collection.path.startswith(path) for path in mentoring_collection_paths()
    )


class MentoringDocumentFormMixin:
    """Refuse files in the mentoring collection that fail the content checks."""

    def target_collection(self):
        """The collection the document will be saved in.

        Wagtail hides the collection field from a user who may add to one
        collection only and fills it in at save time, so it is not in
        ``cleaned_data`` then: that one collection is the target.
        """
        if "collection" in self.fields:
            return self.cleaned_data.get("collection")
        collections = getattr(self, "collections", None)
        if collections is not None and len(collections) == 1:
            return collections[0]
        return getattr(self.instance, "collection", None)

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        collection = self.target_collection()
        file_changed = "file" in self.changed_data or (
            # moving an existing file into the mentoring collection
            "collection" in self.changed_data and self.instance.pk
        )
        # No collection means an invalid choice: the file is checked anyway, so
        # that it is not kept aside (multiple upload) and filed later unchecked.
        in_scope = collection is None or is_mentoring_collection(collection)
        if upload and file_changed and in_scope:
            try:
                validate_document_file(upload)
            except ValidationError as error:
                self.add_error("file", error)
        return cleaned_data

    def _post_clean(self):
        # A refused file never reaches the instance, whose own check (Wagtail's
        # extension list) would then add «File extension “” is not allowed»
        # to the one message that says why the file was refused.
        refusal = self._errors.get("file")
        refusal = refusal.copy() if refusal is not None else None
        super()._post_clean()
        if refusal is not None:
            self._errors["file"] = refusal


class MentoringDocumentForm(MentoringDocumentFormMixin, BaseDocumentForm):
    pass

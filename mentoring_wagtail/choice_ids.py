"""Ids posted to a choice of records are checked before a widget or a query sees them.

Wagtail's chooser widgets (documents, snippets, pages, images) look the posted
value up while a bound form with errors is rendered again, and a word where an
id belongs raises ``ValueError`` there: a 500 instead of the form. A number
past the database's integer (20 digits) makes SQLite raise ``OverflowError``
in the ``pk__in`` query of a multiple choice. The mixin drops such values from
the form's data before anything renders or queries them and puts Django's own
(translated) «not a valid choice» message on the field, so nothing is saved.

Wagtail's rich text and StreamField widgets likewise raise on a body that is
not what they read (JSON for rich text; ``<name>-count`` and the numbered
keys for a StreamField), or on a missing field: such a value is dropped (an
empty stream for a StreamField) and the field refused.

``install`` gives every admin form of the package's models the mixin through
the models' ``base_form_class``; the package's own form classes that viewsets
name (``OfficialDocumentForm``…) mix it in themselves.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.blocks.base import BlockField

# What every supported database holds in a 64-bit integer column.
INTEGER_RANGE = (-(2**63), 2**63 - 1)
SHOWN_CHARACTERS = 40


def _key_field(field):
    model = field.queryset.model
    if field.to_field_name:
        return model._meta.get_field(field.to_field_name)
    return model._meta.pk


def is_valid_key(field, value):
    """Whether ``value`` can be looked up as a key of ``field``'s records."""
    key_field = _key_field(field)
    if isinstance(key_field, models.ForeignKey):  # a multi-table child's pk
        key_field = key_field.target_field
    try:
        key = key_field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    if isinstance(key, str) and "\x00" in key:
        return False
    if isinstance(key, int):
        return INTEGER_RANGE[0] <= key <= INTEGER_RANGE[1]
    return True


def _shown(value):
    text = str(value)
    if len(text) > SHOWN_CHARACTERS:
        text = text[:SHOWN_CHARACTERS] + "…"
    return text


class _ChoiceRefusal:
    def __init__(self, value):
        self.value = _shown(value)

    def text(self, field):
        if isinstance(field, forms.ModelMultipleChoiceField):
            return field.error_messages["invalid_pk_value"] % {"pk": self.value}
        return field.error_messages["invalid_choice"] % {"value": self.value}


class CheckedChoiceIdsMixin:
    """Refuses, field by field, posted ids that are no ids of the field's records."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused_ids = {}
        if self.is_bound:
            self._drop_malformed_ids()

    def _drop_malformed_ids(self):
        data = None
        for name, field in self.fields.items():
            if field.disabled or isinstance(field, forms.FileField):
                continue
            key = self.add_prefix(name)
            if not isinstance(field, forms.ModelChoiceField):
                message = self._unreadable(field, key)
                if message:
                    if data is None:
                        data = self.data.copy()
                    data.pop(key, None)
                    if isinstance(field, BlockField):
                        data[f"{key}-count"] = "0"  # an empty stream
                    self.refused_ids[name] = message
                continue
            if hasattr(self.data, "getlist"):
                values = self.data.getlist(key)
            else:
                value = self.data.get(key)
                values = value if isinstance(value, (list, tuple)) else [value]
            bad = [
                value
                for value in values
                if value not in field.empty_values and not is_valid_key(field, value)
            ]
            if not bad:
                continue
            if data is None:
                data = self.data.copy()
            data.pop(key, None)
            # The message is made in full_clean, from the field's messages as
            # the form's own __init__ may have set them after this one.
            message = _ChoiceRefusal(bad[0])
            self.refused_ids[name] = message
        if data is not None:
            self.data = data

    def _unreadable(self, field, key):
        """A message if ``field``'s widget cannot read what was posted.

        Wagtail's rich text and StreamField widgets parse JSON there.
        """
        if isinstance(field, BlockField) and f"{key}-count" not in self.data:
            return field.error_messages["required"]
        try:
            field.widget.value_from_datadict(self.data, self.files, key)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            return forms.JSONField.default_error_messages["invalid"]
        return None

    def full_clean(self):
        super().full_clean()
        if not self.refused_ids:
            return
        if self._errors is None:
            self._errors = forms.utils.ErrorDict()
        if not hasattr(self, "cleaned_data"):
            self.cleaned_data = {}
        for name, message in self.refused_ids.items():
            if isinstance(message, _ChoiceRefusal):
                message = message.text(self.fields[name])
            self.add_error(name, message)


def with_checked_ids(form_class):
    """``form_class`` itself if it checks ids already, else a subclass that does."""
    if form_class is None or issubclass(form_class, CheckedChoiceIdsMixin):
        return form_class
    return type(form_class)(
        form_class.__name__,
        (CheckedChoiceIdsMixin, form_class),
        {"__module__": form_class.__module__},
    )


PACKAGE = "mentoring_wagtail"


def install():
    """Give the admin forms of the package's models the id check.

    Runs in ``AppConfig.ready()``, before any edit handler builds its form
    class; a model's own ``base_form_class`` is kept and extended.
    """
    # deferred: AppConfig.ready calls install(); the admin forms import models
    from django.apps import apps
    from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
    from wagtail.models import AbstractPage

    for model in apps.get_models():
        if not model.__module__.startswith(PACKAGE + "."):
            continue  # the package's models and its optional apps' only
        # AbstractPage, not Page: a site may swap the base page model
        # (WAGTAIL_PAGE_MODEL), and this runs before wagtail.admin's ready().
        default = WagtailAdminPageForm if issubclass(model, AbstractPage) else None
        base = getattr(model, "base_form_class", None) or default
        model.base_form_class = with_checked_ids(base or WagtailAdminModelForm)

"""Chooser widgets that show only what the form lets the user pick.

Wagtail's ``BaseChooser`` renders a value by fetching it from the whole
model; a posted id of a person the user may not see would then be shown by
name when the form comes back with an error. These widgets resolve values
through the form field's queryset (``choosable``) instead, and render only
what is chosen, so the form costs the same at any size of the bases.
"""

import json
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.widgets.chooser import BaseChooser

from mentoring_wagtail.access.lookups import is_valid_pk


def _pks(model, values):
    pks = [getattr(value, "pk", value) for value in values if value not in (None, "")]
    return [pk for pk in pks if is_valid_pk(model, pk)]


class ScopedChooser(BaseChooser):
    """A single chooser; the form sets ``queryset`` to what the user may pick."""

    queryset = None

    def get_instance(self, value):
        if self.queryset is None or value in (None, ""):
            return None
        pks = _pks(self.model_class, [value])
        return self.queryset.filter(pk__in=pks).first() if pks else None


class MultipleChooser(forms.Widget):
    """Chosen items as a list, and a button opening the chooser modal in its
    multiple mode (``?multiple=1``, Wagtail's chosen-multiple step)."""

    template_name = "mentoring_wagtail/participants/widgets/multiple_chooser.html"
    # As Wagtail's chooser widgets: other fields whose values the modal gets
    # (``access.school_links``), and parameters fixed in its URL.
    linked_fields = {}
    fixed_parameters = {}
    add_text = _("Add")
    remove_text = _("Remove")

    def __init__(self, chooser_url_name, queryset=None, attrs=None, add_text=None):
        super().__init__(attrs)
        self.chooser_url_name = chooser_url_name
        self.queryset = queryset
        if add_text is not None:
            self.add_text = add_text

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        # Removing every item posts nothing, which means "none" here.
        return False

    def format_value(self, value):
        return list(value or [])

    def chosen(self, values):
        if self.queryset is None or not values:
            return []
        pks = _pks(self.queryset.model, values)
        by_pk = {obj.pk: obj for obj in self.queryset.filter(pk__in=pks)}
        items, seen = [], set()
        for pk in pks:
            obj = by_pk.get(self.queryset.model._meta.pk.to_python(pk))
            if obj is not None and obj.pk not in seen:
                seen.add(obj.pk)
                items.append({"id": obj.pk, "title": str(obj)})
        return items

    def chooser_url(self):
        url = reverse(self.chooser_url_name)
        if self.fixed_parameters:
            url += "?" + urlencode(self.fixed_parameters)
        return url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            chosen=self.chosen(context["widget"]["value"]),
            chooser_url=self.chooser_url(),
            linked_fields=json.dumps(self.linked_fields),
            add_text=self.add_text,
            remove_text=self.remove_text,
        )
        return context

    @property
    def media(self):
        return forms.Media(
            js=[
                versioned_static("wagtailadmin/js/chooser-widget.js"),
                versioned_static("mentoring_wagtail/participants/multiple-chooser.js"),
            ]
        )

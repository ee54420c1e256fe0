"""Checkboxes for the JSON lists of codes (free time, a form's kinds of people).

The fields stay JSON lists of codes in the database; the admin shows one
checkbox per known code instead of raw JSON. A stored code that is not among
the choices (a slot a school added by import) stays offered, checked, so a
save never drops it silently.
"""

from django import forms

from .free_time import FREE_TIME_CHOICES
from .models.people import PersonKind

CHOICE_LISTS = {
    "free_time": FREE_TIME_CHOICES,
    "mentor_kinds": PersonKind.choices,
    "mentee_kinds": PersonKind.choices,
}


def use_checkboxes(form):
    """Replace the form's JSON list fields by checkbox fields."""
    for name, choices in CHOICE_LISTS.items():
        old = form.fields.get(name)
        if old is None:
            continue
        stored = getattr(form.instance, name, None) or []
        known = {code for code, _label in choices}
        extra = [(code, code) for code in stored if code not in known]
        form.fields[name] = forms.MultipleChoiceField(
            choices=[*choices, *extra],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=old.label,
            help_text=old.help_text,
        )

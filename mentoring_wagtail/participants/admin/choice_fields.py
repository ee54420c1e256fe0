"""How the participants' admin forms show their choices.

People: a teacher and a pupil may share a name, so each choice adds the kind
and the class or position: «Иванова Анна Сергеевна (ученик, 7А)».

The JSON lists of codes (free time, a form's kinds of people) stay lists of
codes in the database; the admin shows one checkbox per known code instead
of raw JSON. A stored code that is not among the choices (a slot a school
added by import) stays offered, checked, so a save never drops it silently.
"""

from django import forms

from ..choices import CHOICE_LISTS


def person_label(person):
    if person.erased_at:
        return str(person)
    details = [str(person.get_kind_display())]
    extra = person.class_or_group or person.position
    if extra:
        details.append(extra)
    return f"{person} ({', '.join(details)})"


def role_label(record):
    """A mentor or mentee, by their person."""
    return person_label(record.person)


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

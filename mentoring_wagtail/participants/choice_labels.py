"""Person choices that tell two people of the same name apart (issue 25).

A teacher and a pupil may share a name; the forms' choosers showed only the
name. Each choice now adds the kind and the class or position:
«Иванова Анна Сергеевна (ученик, 7А)».
"""


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

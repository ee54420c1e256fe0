"""Import a mentor or mentee base: every row checked, nothing saved unless all pass.

Each row becomes a person, their consent and their mentor or mentee record,
checked by the models' own rules (``full_clean``: birth year for the kind,
consent of a minor through a representative, ages…). Errors name the row
and the column as the school's table calls it. :func:`save_rows` saves in
one transaction after checking everything again.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..audit import IMPORT_BASE, log_site_action
from ..choices import ConsentGiver
from ..consent import consent_errors
from ..models import Mentee, Mentor, MentoringForm, Person, PersonalDataConsent
from .columns import BASES

TRUE = {"да", "yes", "1", "+", "true", "истина", "д"}
FALSE = {"нет", "no", "0", "-", "false", "ложь", "н", ""}


def _norm(text):
    return re.sub(r"[\s\-–—]+", " ", str(text).strip().lower().replace("ё", "е"))


@dataclass
class Row:
    number: int
    cells: dict  # header → text
    errors: list = field(default_factory=list)
    display: dict = field(default_factory=dict)  # header → shown value


@dataclass
class Parsed:
    base: str
    columns: tuple
    rows: list
    errors: list  # errors of the file as a whole

    @property
    def valid(self):
        return not self.errors and not any(row.errors for row in self.rows)


def match_headers(header, columns):
    """``{column index: Column}`` and the errors of a wrong header row."""
    by_name = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            by_name[_norm(name)] = column
    found, errors = {}, []
    for index, text in enumerate(header):
        column = by_name.get(_norm(text))
        if column is not None and column not in found.values():
            found[index] = column
    missing = [c.header for c in columns if c.required and c not in found.values()]
    if missing:
        errors.append(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(f"«{name}»" for name in missing)}
        )
    return found, errors


def parse_value(column, text, forms):
    """The Python value of ``text`` for ``column``, or raise ``ValueError``."""
    text = text.strip()
    if not text:
        if column.required:
            raise ValueError(_("the value is required"))
        return {"forms": [], "bool": False, "text": ""}.get(column.kind)
    if column.kind == "int":
        try:
            number = float(text.replace(",", "."))
        except ValueError as exc:
            raise ValueError(
                _("«%(value)s» is not a number") % {"value": text}
            ) from exc
        if number < 0 or not number.is_integer():
            raise ValueError(_("«%(value)s» is not a whole number") % {"value": text})
        return int(number)
    if column.kind == "date":
        for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"):
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(
            _("«%(value)s» is not a date (write DD.MM.YYYY)") % {"value": text}
        )
    if column.kind == "bool":
        if _norm(text) in TRUE:
            return True
        if _norm(text) in FALSE:
            return False
        raise ValueError(_("write «да» or «нет», not «%(value)s»") % {"value": text})
    if column.kind == "choice":
        for code, label in column.choices:
            if _norm(text) in (_norm(code), _norm(label)):
                return code
        labels = list(dict.fromkeys(label for _code, label in column.choices))
        raise ValueError(
            _("«%(value)s» is not one of: %(choices)s")
            % {"value": text, "choices": ", ".join(labels)}
        )
    if column.kind == "forms":
        chosen = []
        for part in re.split(r"[;,\n]+", text):
            if not part.strip():
                continue
            form = forms.get(_norm(part))
            if form is None:
                raise ValueError(
                    _("no form of mentoring «%(value)s»") % {"value": part.strip()}
                )
            chosen.append(form)
        return chosen
    return text


def _row_error(row, header, message):
    if header:
        row.errors.append(
            _("Row %(row)s, «%(column)s»: %(message)s")
            % {"row": row.number, "column": header, "message": message}
        )
    else:
        row.errors.append(
            _("Row %(row)s: %(message)s") % {"row": row.number, "message": message}
        )


def build_row(base, row, columns, site, forms):
    """Unsaved objects of ``row`` (person, consent, record, forms) and its errors."""
    values, headers = {"person": {}, "consent": {}, base[:-1]: {}}, {}
    for column in columns:
        section, name = column.target.split(".")
        headers[(section, name)] = column.header
        try:
            value = parse_value(column, row.cells.get(column.header, ""), forms)
        except ValueError as error:
            _row_error(row, column.header, str(error))
            continue
        values[section][name] = value
        if isinstance(value, list):
            row.display[column.header] = ", ".join(f.name for f in value)
        else:
            row.display[column.header] = row.cells.get(column.header, "")
    if row.errors:
        return None

    def collect(section, error):
        for name, messages in error.message_dict.items():
            for message in messages:
                _row_error(row, headers.get((section, name)), message)

    person = Person(site=site, **values["person"])
    try:
        person.full_clean(exclude=["site", "user"], validate_unique=False)
    except ValidationError as error:
        collect("person", error)
    consent_values = values["consent"]
    consent = PersonalDataConsent(
        person=person,
        covers_processing=True,
        given_by=ConsentGiver.LEGAL_REPRESENTATIVE
        if consent_values.get("representative_name")
        else ConsentGiver.SELF,
        **{
            k: (v or "") if k.startswith("representative") else v
            for k, v in consent_values.items()
        },
    )
    for name, messages in consent_errors(consent).items():
        for message in [messages] if isinstance(messages, str) else messages:
            _row_error(
                row,
                headers.get(("consent", name))
                or headers[("consent", "representative_name")],
                message,
            )
    record_values = dict(values[base[:-1]])
    chosen_forms = record_values.pop("forms", None)
    if base == "mentors":
        record_values = {k: v for k, v in record_values.items() if v is not None}
        record = Mentor(person=person, **record_values)
    else:
        preferred = record_values.pop("preferred_form", None) or [None]
        record = Mentee(
            person=person,
            preferred_form=preferred[0],
            **{k: v for k, v in record_values.items() if v is not None},
        )
    try:
        record.full_clean(exclude=["person"], validate_unique=False)
    except ValidationError as error:
        collect(base[:-1], error)
    return person, consent, record, chosen_forms or []


def _identity(person):
    return (
        _norm(person.last_name),
        _norm(person.first_name),
        _norm(person.patronymic),
        person.birth_year,
    )


def parse_rows(base, table, site):
    """Check every row of ``table`` (rows of text, first = header)."""
    columns = BASES[base]
    if not table:
        return Parsed(base, columns, [], [_("The file has no rows.")])
    found, errors = match_headers(table[0], columns)
    forms = {}
    for form in MentoringForm.objects.all():
        forms[_norm(form.name)] = form
        forms[_norm(form.code)] = form
    rows = []
    existing = {
        _identity(p)
        for p in Person.objects.filter(site=site, erased_at__isnull=True).only(
            "last_name", "first_name", "patronymic", "birth_year"
        )
    }
    seen = {}
    for number, values in enumerate(table[1:], start=2):
        if not any(value.strip() for value in values):
            continue
        cells = {found[i].header: v for i, v in enumerate(values) if i in found}
        row = Row(number, cells)
        rows.append(row)
        if errors:
            continue
        built = build_row(base, row, columns, site, forms)
        if built is None:
            continue
        key = _identity(built[0])
        if key in existing:
            _row_error(row, None, _("this person is already in the base"))
        elif key in seen:
            _row_error(
                row, None, _("the same person as in row %(row)s") % {"row": seen[key]}
            )
        seen.setdefault(key, number)
        row.built = built
    if not errors and not rows:
        errors.append(_("The file has no rows below the header."))
    return Parsed(base, columns, rows, errors)


def refuse_formulas(parsed, formulas, header):
    for row_number, column_number in formulas:
        name = header[column_number - 1] if column_number - 1 < len(header) else ""
        message = _("a formula is not accepted; type the value itself")
        row = next((r for r in parsed.rows if r.number == row_number), None)
        if row is None:
            parsed.errors.append(
                _("Row %(row)s: %(message)s") % {"row": row_number, "message": message}
            )
        else:
            _row_error(row, name or None, message)


def save_rows(parsed, user, site):
    """Save every row in one transaction; refuses if any row has an error."""
    if not parsed.valid:
        raise ValidationError(_("The base has errors; nothing was saved."))

    with transaction.atomic():
        for row in parsed.rows:
            person, consent, record, forms = row.built
            person.save()
            consent.person = person
            consent.save()
            record.person = person
            record.save()
            if forms and isinstance(record, Mentor):
                record.forms.set(forms)
            log(person, "wagtail.create", user=user)
        log_site_action(
            site, IMPORT_BASE, user, base=parsed.base, count=len(parsed.rows)
        )
    return len(parsed.rows)

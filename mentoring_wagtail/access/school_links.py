"""A record's choices stay in the record's school, whatever the user's role.

A per-site role («Директор — Школа № 7 (сайт 3)») is offered its own school's
people only: the policy confines it. A plain role (no site mark) covers every
school, so the policy alone would offer it every school's people in a chooser
opened for one school's group, meeting or award. Here the *record* confines
the choice:

- **the chooser**: a form links each of its chooser widgets to the field
  that says the record's school (Wagtail's ``linked_fields``: the widget
  passes that field's current value to the chooser's URL): ``site`` where
  the record has one, else the first step of its ``mentoring_site_path``
  (``group`` for a meeting, ``mentor`` for an award, ``person`` for a
  consent). The parameter is named after the model it points to
  (``site=3``, ``app_label.model=12``); the chooser
  views (``access.admin.chooser_scope``) list, search and return only the
  rows of that school. A record whose school no field of the form changes
  (a page: the site whose tree holds it; a record whose «Сайт» field is
  hidden because the user has one school) has ``site=N`` in the chooser's
  URL, and its plain selects offer that school's rows only;
- **the save**: ``SameSchoolFormMixin`` refuses a choice of another school
  in any field of the form (a forged POST, an old browser tab), in Russian,
  before anything is saved.

The school of a record without a ``site`` of its own is the school of its
parent record, as the permission policy resolves it (``site_scope``).
"""

from copy import copy
from functools import partial
from urllib.parse import urlencode

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from wagtail.models import Page, Site

from .lookups import is_valid_pk
from .site_scope import (
    _CACHE_ATTRIBUTE,
    IN_PAGE_TREE,
    ThroughObject,
    filter_to_sites,
    is_declared,
    site_id_of,
    site_path,
)

SITE_PARAMETER = "site"
_MISSING = object()


def parameter_for(model):
    """The chooser URL's parameter naming a row of ``model``."""
    return SITE_PARAMETER if model is Site else model._meta.label_lower


def _model_for(parameter):
    if parameter == SITE_PARAMETER:
        return Site
    if "." not in parameter:
        return None
    try:
        model = apps.get_model(parameter)
    except (LookupError, ValueError):
        return None
    return model if is_declared(model) else None


def linking_parameters(query):
    """The parameters of ``query`` (a ``QueryDict``) that name a school."""
    return [key for key in query if _model_for(key) is not None]


def linked_site_ids(query):
    """The school a chooser was opened for: None when it was not linked to
    a record, else a set of one site id (empty when the value names nothing:
    the chooser then lists nothing rather than every school)."""
    found = None
    for parameter in linking_parameters(query):
        model = _model_for(parameter)
        value = query.get(parameter)
        site_id = None
        if value and is_valid_pk(model, value):
            obj = model._default_manager.filter(pk=value).first()
            if obj is not None:
                site_id = obj.pk if model is Site else site_id_of(obj)
        sites = {site_id} - {None}
        found = sites if found is None else found & sites
    return found


def confine_to_linked_school(queryset, query):
    """``queryset`` cut to the school the chooser's URL names, if it names one."""
    sites = linked_site_ids(query)
    if sites is None or not _has_school(queryset.model):
        return queryset
    return filter_to_sites(queryset, sites)


def is_in_linked_school(obj, query):
    sites = linked_site_ids(query)
    if sites is None or not _has_school(type(obj)):
        return True
    return site_id_of(obj) in sites


def _has_school(model):
    try:
        return site_path(model) is not None
    except Exception:  # noqa: BLE001 - a model without a declaration: no school
        return False


# Forms.


def _school_field(form):
    """The form's field that holds the record's school (or its parent record)."""
    model = form._meta.model
    if "site" in form.fields:
        return "site"
    try:
        path = site_path(model)
    except Exception:  # noqa: BLE001
        return None
    if not isinstance(path, str) or path == IN_PAGE_TREE:
        return None
    first = path.split("__", 1)[0]
    return first if first in form.fields else None


def _record_site_id(form, cleaned=None):
    """The school of the record as the form would save it."""
    instance = form.instance
    probe = copy(instance)
    probe.__dict__.pop(_CACHE_ATTRIBUTE, None)
    for name, value in (cleaned or {}).items():
        field = _model_field(instance, name)
        if isinstance(field, (models.ForeignKey, models.OneToOneField)):
            setattr(probe, name, value)
    if isinstance(instance, Page) and not instance.pk:
        parent = getattr(form, "parent_page", None)
        return site_id_of(parent) if parent is not None else None
    path = _safe_site_path(type(instance))
    if path is None or isinstance(path, ThroughObject):
        return None
    return site_id_of(probe)


def _safe_site_path(model):
    try:
        return site_path(model)
    except Exception:  # noqa: BLE001
        return None


def _model_field(instance, name):
    try:
        return instance._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a form-only field
        return None


def _school_choices(form):
    """``(name, field)`` of the form's choices of rows that have a school."""
    for name, field in form.fields.items():
        model = getattr(getattr(field, "queryset", None), "model", None)
        if model is not None and model is not Site and _has_school(model):
            yield name, field


def _with_parameters(url, parameters):
    return f"{url}{'&' if '?' in url else '?'}{urlencode(parameters)}"


def link_choosers(form):
    """Point every chooser of ``form`` at the record's school.

    With a field saying the school, each chooser widget passes its current
    value (``linked_fields``); without one, a chooser's URL carries the
    record's school and a plain select offers that school's rows only.
    """
    school_field = _school_field(form)
    record_site = _MISSING
    for name, field in _school_choices(form):
        widget = field.widget
        if name == school_field or getattr(widget, "_mentoring_linked", False):
            continue
        widget._mentoring_linked = True
        chooser = hasattr(widget, "linked_fields")
        if school_field is not None and chooser:
            bound = form[school_field]
            model = form.fields[school_field].queryset.model
            links = {parameter_for(model): f"#{bound.auto_id}"}
            widget.linked_fields = {**widget.linked_fields, **links}
            continue
        if record_site is _MISSING:
            record_site = _record_site_id(form)
        if record_site is None:
            continue
        # A school nobody changes in this form: fixed in the chooser's URL.
        parameters = {SITE_PARAMETER: record_site}
        if school_field is not None:
            # A plain select beside the school's field: the record's school
            # as saved (the save refuses another school's choice anyway).
            _offer_the_school(form, name, field, record_site)
        elif hasattr(widget, "get_chooser_modal_url"):
            widget.get_chooser_modal_url = partial(
                _fixed_url, widget.get_chooser_modal_url, parameters
            )
        elif hasattr(widget, "fixed_parameters"):
            widget.fixed_parameters = parameters
        else:
            _offer_the_school(form, name, field, record_site)


def _offer_the_school(form, name, field, site_id):
    """A select's rows of the school ``site_id``, and the value it holds."""
    current = form.initial.get(name)
    kept = field.queryset.none()
    if current and not isinstance(current, (list, tuple)):
        kept = field.queryset.filter(pk=getattr(current, "pk", current))
    field.queryset = filter_to_sites(field.queryset, {site_id}) | kept


def _fixed_url(get_url, parameters):
    return _with_parameters(get_url(), parameters)


def school_errors(form, cleaned):
    """``(field, message)`` for each choice of another school than the record's."""
    record_site = _record_site_id(form, cleaned)
    if record_site is None:
        return []
    school_field = _school_field(form)
    errors = []
    for name, value in cleaned.items():
        if name == school_field or value is None:
            continue
        values = value if isinstance(value, (list, tuple, models.QuerySet)) else [value]
        for item in values:
            if not isinstance(item, models.Model) or isinstance(item, Site):
                continue
            if not _has_school(type(item)):
                continue
            item_site = site_id_of(item)
            if item_site is not None and item_site != record_site:
                errors.append(
                    (
                        name,
                        gettext(
                            "«%(name)s» belongs to another school: choose "
                            "from the school of this record."
                        )
                        % {"name": item},
                    )
                )
    return errors


class SameSchoolFormMixin:
    """Chooser widgets linked to the record's school; a choice of another
    school refused on save, whatever the user's role."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        link_choosers(self)

    def clean(self):
        cleaned = super().clean()
        for name, message in school_errors(self, cleaned):
            if name in self.fields:
                self.add_error(name, ValidationError(message))
        return cleaned


def with_school_links(form_class):
    """``form_class`` itself if it links its choosers already, else a subclass."""
    if form_class is None or issubclass(form_class, SameSchoolFormMixin):
        return form_class
    return type(form_class)(
        form_class.__name__,
        (SameSchoolFormMixin, form_class),
        {"__module__": form_class.__module__},
    )


def install():
    """Give the admin forms of the package's models the rule (run in
    ``AppConfig.ready`` after ``choice_ids.install``, which sets every
    package model's ``base_form_class``)."""
    for model in apps.get_models():
        if not model.__module__.startswith("mentoring_wagtail."):
            continue
        base = getattr(model, "base_form_class", None)
        if base is not None:
            model.base_form_class = with_school_links(base)

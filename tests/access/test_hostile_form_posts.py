"""Every admin add and edit form of the package takes hostile values without a 500.

The forms are enumerated from the admin URLs (``admin_urls``): each viewset's
``add`` and ``edit`` view of the package and its optional apps, and Wagtail's
page add and edit views for each page type the package defines (found in the
app registry, so a new page type is covered without being listed). A
superuser (so no permission check answers first) posts every field of the
form at once with a hostile value: a word where an id belongs, 10^20, −1,
10,000 characters, NUL, markup, a spreadsheet formula, a wrong file, every
field missing. Each answer is a form with errors or a refusal, never a 500,
and nothing is saved: the package's rows, documents, images and pages are
counted before and after, and an edited object's revisions and fields stay as
they were. A page form answers in Russian: the refusal and each field's
message.

Not the whole cross product (every value into every form: 9 posts a form, 40
s of CPU): each kind of field (its form field and widget class: a text, a
rich text, a StreamField, a date, a number, a choice, a file, a chooser…)
meets every hostile value at least once in a test, in the first forms that
have it, and every form gets at least one post, so each field of each form
meets a hostile value. A new form is posted to; a new kind of field meets
every value.
"""

import re
from collections import defaultdict

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.forms import FileField
from django.forms.models import model_to_dict
from django.urls import reverse
from wagtail.models import Page, Revision, Site

from mentoring_wagtail.models import (
    MentoringIndexPage,
    MentoringProgramme,
    ProgrammeDocument,
    Regulation,
)
from mentoring_wagtail.portfolios.models import PracticeIndexPage

from ..documents_support import exe_bytes, make_order
from ..module_state import add_mentoring_section, module_db_state, start_from
from . import admin_urls, app_world
from .test_every_admin_url import make_object

pytestmark = pytest.mark.django_db

HOSTILE = {
    "word": "abc",
    "huge": "1" + "0" * 20,
    "negative": "-1",
    "long": "я" * 10_000,
    "nul": "12\x00",
    "markup": "<script>alert(1)</script>",
    "formula": '=cmd|" /C calc"!A0',
}
WRONG_FILE = ("scan.pdf", exe_bytes())
PACKAGE_LABELS = {
    "mentoring_wagtail",
    *app_world.OPTIONAL_APP_LABELS,
    "wagtaildocs",
    "wagtailimages",
    "wagtailcore",
}


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in PACKAGE_LABELS
        and not model._meta.label.endswith(
            # Written by any admin visit, not by a form: logs and locks, and
            # the editor's comment subscription made by opening a page's edit view.
            (
                "LogEntry",
                "ReferenceIndex",
                "TaskState",
                "WorkflowState",
                "PageSubscription",
            )
        )
    }


def form_urls():
    """(url name, kwargs, model) of every add and edit form of the package."""
    viewsets = admin_urls.package_viewsets()
    found = []
    for url in admin_urls.package_urls():
        namespace, _, action = url.name.rpartition(":")
        viewset = viewsets.get(namespace)
        model = getattr(viewset, "model", None)
        if action not in ("add", "edit") or not isinstance(model, type):
            continue
        found.append((url, model))
    return found


def page_types():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        and model._meta.app_label in PACKAGE_LABELS - {"wagtailcore"}
        and model.is_creatable
    ]


def hostile_posts(form):
    """One POST body per hostile value, every field of ``form`` filled with it."""
    for key, value in HOSTILE.items():
        data = {}
        for name, field in form.fields.items():
            if not isinstance(field, FileField):
                data[form.add_prefix(name)] = value
        yield key, data
    files = {
        form.add_prefix(name): SimpleUploadedFile(*WRONG_FILE)
        for name, field in form.fields.items()
        if isinstance(field, FileField)
    }
    if files:
        yield "wrong file", files
    yield "missing fields", {}


CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def russian_refusal(response):
    """What is wrong with the refusal's language: a page form shows Wagtail's
    «could not be saved» message and a message by each wrong field, in Russian."""
    if response.status_code != 200 or response.context is None:
        return f"answered {response.status_code}"
    form = response.context.get("form")
    if form is None or not form.errors:
        return "no form errors"
    shown = [str(m) for m in response.context.get("messages", [])]
    if not any(CYRILLIC.search(m) for m in shown):
        return f"no Russian message: {shown}"
    errors = [str(e) for errors in form.errors.values() for e in errors]
    for formset in getattr(form, "formsets", {}).values():
        errors += [str(e) for e in formset.non_form_errors()]
        errors += [str(e) for child in formset.errors for e in child.values()]
    english = [e for e in errors if not CYRILLIC.search(e)]
    if english:
        return f"errors not in Russian: {english[:3]}"
    return None


def field_kind(field):
    """What a field does with a value: its form field and widget classes."""
    return f"{type(field).__name__}/{type(field.widget).__name__}"


class Coverage:
    """Which hostile values each kind of field has met in one test."""

    def __init__(self):
        self.met = defaultdict(set)
        self.forms = 0

    def choose(self, form, posts):
        """Of ``form``'s hostile posts, those that bring a kind of field a
        value it has not met; at least one, rotated from form to form."""
        files = {
            field_kind(field)
            for field in form.fields.values()
            if isinstance(field, FileField)
        }
        others = {field_kind(field) for field in form.fields.values()} - files

        def reached(key):  # the kinds of the fields this post fills (or omits)
            if key == "wrong file":
                return files
            return others | files if key == "missing fields" else others

        chosen = [
            (key, data)
            for key, data in posts
            if any(key not in self.met[kind] for kind in reached(key))
        ]
        if not chosen:
            every_field = [(key, data) for key, data in posts if key in HOSTILE]
            chosen = [every_field[self.forms % len(every_field)]]
        self.forms += 1
        for key, _data in chosen:
            for kind in reached(key):
                self.met[kind].add(key)
        return chosen


def post_each(client, path, what, coverage, in_russian=False):
    response = client.get(path)
    assert response.status_code == 200, f"{what}: GET {response.status_code}"
    form = response.context["form"]
    failures = []
    for key, data in coverage.choose(form, list(hostile_posts(form))):
        response = client.post(path, data)
        if response.status_code >= 500:
            failures.append(f"{what} {key}: {response.status_code}")
        elif in_russian and (problem := russian_refusal(response)):
            failures.append(f"{what} {key}: {problem}")
    return failures


def a_parent_for(model):
    return next(
        (
            parent
            for parent in Page.objects.filter(depth__gt=1).order_by("path").specific()
            if model.can_create_at(parent)
        ),
        None,
    )


def a_page_of(model):
    """A page of ``model`` to edit: the world's, or a new one with a title only
    (a page type that needs more must get a page in ``app_world``)."""
    page = model.objects.order_by("pk").first()
    if page is None and (parent := a_parent_for(model)) is not None:
        name = model._meta.model_name
        values = {"title": f"Проверка {name}", "slug": name}
        for field in model._meta.concrete_fields:  # required texts: «Проверка»
            if (
                isinstance(field, (models.CharField, models.TextField))
                and not field.blank
                and not field.has_default()
                and field.name not in values
            ):
                values[field.name] = "Проверка"
        page = parent.add_child(instance=model(**values))
        page.save_revision()
    return page


def build_world():
    mentoring_section = add_mentoring_section()
    world = app_world.build(mentoring_section)  # the section the apps' world uses
    make_order()
    site = Site.objects.get(is_default_site=True)
    for model in (Regulation, ProgrammeDocument, MentoringProgramme):
        make_object(model, site)
    # An empty section: where the one-per-section page types can be added.
    mentoring_section.get_parent().add_child(
        instance=MentoringIndexPage(title="Наставничество 2", slug="mentoring-2")
    )
    mentoring_section.add_child(
        instance=PracticeIndexPage(title="Практики", slug="practices")
    )
    return world


# Built once for the module; each test starts from it (tests/module_state.py).
_world = module_db_state(build_world)


@pytest.fixture
def world(_world, db, media_root):
    return start_from(_world, media_root)


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root-hostile", "r@x.ru", "x")
    client.force_login(user)
    client.raise_request_exception = False
    return client


@pytest.mark.slow(reason="posts every hostile value to every field of every admin form")
def test_every_add_and_edit_form_refuses_hostile_values(world, admin_client):
    failures = []
    coverage = Coverage()
    covered = set()
    for url, model in form_urls():
        if "pk" in url.kwargs:
            obj = model._default_manager.order_by("pk").first()
            if obj is None:
                failures.append(f"{url}: no {model.__name__} to edit")
                continue
            path = reverse(url.name, kwargs={"pk": obj.pk})
            before = (model_to_dict(obj), Revision.objects.count())
        else:
            path = reverse(url.name)
            obj = None
        counts = row_counts()
        failures += post_each(admin_client, path, str(url), coverage)
        assert row_counts() == counts, f"{url}: a hostile post saved a row"
        if obj is not None:
            obj.refresh_from_db()
            assert (model_to_dict(obj), Revision.objects.count()) == before, (
                f"{url}: a hostile post changed {obj!r}"
            )
        covered.add(url.name)
    assert failures == [], "\n".join(failures)
    assert {
        "wagtailsnippets_mentoring_wagtail_order:add",
        "wagtailsnippets_mentoring_wagtail_regulation:add",
    } <= covered


@pytest.mark.slow(reason="posts every hostile value to every field of every page type")
def test_every_page_type_add_form_refuses_hostile_values(world, admin_client):
    failures = []
    coverage = Coverage()
    for model in page_types():
        parent = a_parent_for(model)
        if parent is None:
            failures.append(f"{model._meta.label}: no parent to add it under")
            continue
        meta = model._meta
        path = reverse(
            "wagtailadmin_pages:add",
            args=(meta.app_label, meta.model_name, parent.pk),
        )
        counts = row_counts()
        failures += post_each(admin_client, path, meta.label, coverage, in_russian=True)
        assert row_counts() == counts, f"{meta.label}: a hostile post saved a row"
    assert failures == [], "\n".join(failures)


def page_fields(page):
    """What an edit could change: the page's own fields and its latest revision."""
    page = page.specific_class.objects.get(pk=page.pk)
    fields = model_to_dict(page)
    fields.pop("latest_revision", None)  # compared as the revision count
    return fields


@pytest.mark.slow(reason="posts every hostile value to every field of every page type")
def test_every_page_type_edit_form_refuses_hostile_values(world, admin_client):
    failures = []
    coverage = Coverage()
    for model in page_types():
        page = a_page_of(model)
        if page is None:
            failures.append(f"{model._meta.label}: no page to edit")
            continue
        path = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        counts = row_counts()
        before = (page_fields(page), Revision.objects.count())
        failures += post_each(
            admin_client, path, model._meta.label, coverage, in_russian=True
        )
        assert row_counts() == counts, f"{model._meta.label}: a hostile post saved"
        assert (page_fields(page), Revision.objects.count()) == before, (
            f"{model._meta.label}: a hostile post changed the page or its revisions"
        )
    assert failures == [], "\n".join(failures)

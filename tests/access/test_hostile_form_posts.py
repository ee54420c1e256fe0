"""Every admin add and edit form of the package takes hostile values without a 500.

The forms are enumerated from the admin URLs (``admin_urls``): each viewset's
``add`` and ``edit`` view of the package and its optional apps, and Wagtail's
page add and edit views for each page type the package defines (found in the
app registry, so a new page type is covered without being listed). A
superuser (so no permission check answers first) posts every field of the
form at once with each hostile value: a word where an id belongs, 10^20, −1,
10,000 characters, NUL, markup, a spreadsheet formula, a wrong file. Each
answer is a form with errors or a refusal, never a 500, and nothing is saved:
the package's rows, documents, images and pages are counted before and after,
and an edited object's revisions and fields stay as they were. A page form
answers in Russian: the refusal and each field's message.
"""

import re

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


def post_each(client, path, what, in_russian=False):
    response = client.get(path)
    assert response.status_code == 200, f"{what}: GET {response.status_code}"
    form = response.context["form"]
    failures = []
    for key, data in hostile_posts(form):
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


@pytest.fixture
def world(mentoring_section):
    make_site_tree_root = mentoring_section  # the section the apps' world uses
    world = app_world.build(make_site_tree_root)
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


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root-hostile", "r@x.ru", "x")
    client.force_login(user)
    client.raise_request_exception = False
    return client


@pytest.mark.slow(reason="posts every hostile value to every field of every admin form")
def test_every_add_and_edit_form_refuses_hostile_values(world, admin_client):
    failures = []
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
        failures += post_each(admin_client, path, str(url))
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
        failures += post_each(admin_client, path, meta.label, in_russian=True)
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
    for model in page_types():
        page = a_page_of(model)
        if page is None:
            failures.append(f"{model._meta.label}: no page to edit")
            continue
        path = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        counts = row_counts()
        before = (page_fields(page), Revision.objects.count())
        failures += post_each(admin_client, path, model._meta.label, in_russian=True)
        assert row_counts() == counts, f"{model._meta.label}: a hostile post saved"
        assert (page_fields(page), Revision.objects.count()) == before, (
            f"{model._meta.label}: a hostile post changed the page or its revisions"
        )
    assert failures == [], "\n".join(failures)

"""Every model of the package and its apps says which school its rows belong to.

A model without ``mentoring_site_path`` would be open to every school's
per-site roles; this test fails for one added later without a school. Each
declared path is followed on the database, so a renamed relation fails too.
"""

import pytest
from django.apps import apps
from django.db import models
from wagtail.models import Page, Site

from mentoring_wagtail.access import site_scope
from mentoring_wagtail.participants.models import (
    Mentee,
    Person,
)

from ..documents_support import make_site_tree
from .test_site_roles import add_school

PACKAGE_APPS = {
    "mentoring_wagtail",
    "mentoring_participants",
    "mentoring_portfolios",
    "mentoring_monitoring",
}

# Global by nature, and holding nobody's personal data (see each model's comment).
GLOBAL_MODELS = {
    "mentoring_participants.MentoringForm",
    "mentoring_wagtail.DirectorSignOffTask",
    # The installation's work queue: a job's title and who started it, shown
    # to the operators only (no school role holds its rights).
    "mentoring_wagtail.BackgroundJob",
    # The running workers' heartbeats: a worker id, a host name, a time.
    "mentoring_wagtail.WorkerHeartbeat",
}


def package_models():
    return [m for m in apps.get_models() if m._meta.app_label in PACKAGE_APPS]


def test_the_package_and_every_optional_app_are_enumerated():
    labels = {m._meta.app_label for m in package_models()}
    assert labels == PACKAGE_APPS
    assert set(site_scope.package_models()) == set(package_models())


@pytest.mark.parametrize("model", package_models(), ids=lambda m: m._meta.label)
def test_every_model_declares_its_school(model):
    assert site_scope.check_declaration(model) == []


def test_only_the_listed_models_are_global():
    global_models = {
        m._meta.label for m in package_models() if site_scope.site_path(m) is None
    }
    assert global_models == GLOBAL_MODELS


def test_a_model_without_a_school_is_caught():
    class Undeclared(models.Model):  # noqa: DJ008
        class Meta:
            app_label = "mentoring_wagtail"
            managed = False

    try:
        assert site_scope.check_declaration(Undeclared) == [
            "mentoring_wagtail.Undeclared: no mentoring_site_path"
        ]
        with pytest.raises(Exception, match="does not say which school"):
            site_scope.site_path(Undeclared)
    finally:
        apps.all_models["mentoring_wagtail"].pop("undeclared", None)
        apps.clear_cache()


@pytest.mark.django_db
@pytest.mark.parametrize("model", package_models(), ids=lambda m: m._meta.label)
def test_each_path_is_followed_on_the_database(model):
    site = Site.objects.first() or Site.objects.create(
        hostname="x.example", root_page=Page.objects.first()
    )
    # A path that names no relation raises here (FieldError).
    list(model._default_manager.filter(site_scope.sites_q(model, {site.pk})))


@pytest.mark.django_db
def test_rows_resolve_to_the_school_of_their_relations():
    site_a, section_a, _registry = make_site_tree()
    site_b, section_b = add_school("Школа № 2", "school-2", "school2.example")
    people = {}
    for site in (site_a, site_b):
        person = Person.objects.create(
            site=site, kind="student", last_name="Ученик", first_name=str(site.pk)
        )
        mentee = Mentee.objects.create(person=person)
        people[site.pk] = mentee
    assert site_scope.site_id_of(people[site_b.pk]) == site_b.pk
    assert set(site_scope.filter_to_sites(Mentee.objects.all(), {site_a.pk})) == {
        people[site_a.pk]
    }
    assert site_scope.site_id_of(section_b) == site_b.pk
    assert site_scope.site_id_of(section_a) == site_a.pk
    listed = list(Mentee.objects.all())
    site_scope.prefetch_site_ids(listed)
    assert {m.pk: site_scope.site_id_of(m) for m in listed} == {
        m.pk: site for site, m in people.items()
    }

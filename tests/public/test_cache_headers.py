"""Published pages of the section may be cached; anything per-user may not.

Every page of every section page type in the demo, and every record's page in
the registry, is found from the models, so page types added by other apps are
checked too.
"""

import pytest
from demo.school import DEMO_USERS
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from .public_site import public_record_paths, public_section_pages, section_page_types

pytestmark = pytest.mark.django_db


def public_paths(site):
    return [page.url for page in public_section_pages(site)] + public_record_paths(site)


def test_every_section_page_type_is_in_the_demo(demo_site):
    shown = {type(page) for page in public_section_pages(demo_site)}
    assert set(section_page_types()) <= shown


@pytest.mark.parametrize("max_age", [300, 60])
def test_published_pages_are_publicly_cacheable(demo_site, client, settings, max_age):
    settings.MENTORING_WAGTAIL_PUBLIC_CACHE_MAX_AGE = max_age
    paths = public_paths(demo_site)
    assert len(paths) > len(section_page_types())
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        cache_control = response["Cache-Control"].replace(" ", "").split(",")
        assert sorted(cache_control) == sorted(["public", f"max-age={max_age}"]), path
        assert not response.cookies, path


def test_zero_max_age_turns_public_caching_off(demo_site, client, settings):
    settings.MENTORING_WAGTAIL_PUBLIC_CACHE_MAX_AGE = 0
    for path in public_paths(demo_site):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path
        assert "public" not in response["Cache-Control"], path


def test_signed_in_users_get_private_pages(demo_site, client):
    client.force_login(get_user_model().objects.get(username=DEMO_USERS["curator"]))
    for path in public_paths(demo_site):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "private" in response["Cache-Control"], path
        assert "no-store" in response["Cache-Control"], path
        assert "public" not in response["Cache-Control"], path


def test_restricted_pages_are_never_shared(demo_site, client):
    section = public_section_pages(demo_site)[0]
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    anonymous = client.get(section.url)
    assert anonymous.status_code == 302
    assert "public" not in anonymous.get("Cache-Control", "")
    client.force_login(get_user_model().objects.get(username=DEMO_USERS["mentor"]))
    signed_in = client.get(section.url)
    assert signed_in.status_code == 200
    assert "no-store" in signed_in["Cache-Control"]


def test_pages_outside_the_section_are_left_to_the_site(demo_site, client):
    home = client.get("/")
    assert home.status_code == 200
    assert "Cache-Control" not in home


def test_the_low_vision_version_is_never_shared(demo_site, client):
    from mentoring_wagtail.section.low_vision import COOKIE

    for path in public_paths(demo_site):
        shared = client.get(path)
        # A shared cache keys its copy by the cookie, so it never answers a
        # low-vision visitor with the ordinary page.
        assert "cookie" in shared["Vary"].lower(), path
    client.cookies[COOKIE] = "1"
    for path in public_paths(demo_site):
        response = client.get(path)
        assert "private" in response["Cache-Control"], path
        assert "public" not in response["Cache-Control"], path

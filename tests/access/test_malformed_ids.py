"""A malformed id in any of the package's admin URLs is a 404, never a 500.

Every URL of the package's and its optional apps' viewsets and
``register_admin_urls`` hooks that takes an object id is tried with a word, a
negative number and a number past any database column, by a superuser (so no
permission check answers first) and by the secretary.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ..documents_support import make_order
from ..module_state import built_once
from . import admin_urls

pytestmark = pytest.mark.django_db

# The section and the roles, built once for the module (tests/module_state.py).
_built, built, mentoring_section, users = built_once()

BAD_IDS = ("abc", "-1", "99999999999999999999")
ID_KWARGS = ("pk", "page_id")
PLACEHOLDER = 987654321


def package_urls():
    """The package's and its optional apps' admin URLs that take an id."""
    return [
        url for url in admin_urls.package_urls() if set(ID_KWARGS) & set(url.kwargs)
    ]


def path_with(url, bad_id):
    values = {
        "app_label": "mentoring_wagtail",
        "model_name": "order",
        "action_name": "approve",
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
    }
    kwargs = {name: values.get(name, 1) for name in url.kwargs}
    for name in ID_KWARGS:
        if name in kwargs:
            kwargs[name] = PLACEHOLDER
    return reverse(url.name, kwargs=kwargs).replace(str(PLACEHOLDER), bad_id)


def test_the_enumeration_holds_the_urls_of_the_issue():
    names = {url.name for url in package_urls()}
    assert {
        "mentoring_sharing:object",
        "mentoring_sharing:page",
        "mentoring_familiarisation:object",
        "mentoring_familiarisation:sheet",
        "wagtailsnippets_mentoring_wagtail_order:revoke",
        "wagtailsnippets_mentoring_wagtail_order:docx",
        "mentoring_mentees:inspect",
        "mentoring_participants_privacy:erase",
        "mentoring_matching:rank",
        "mentoring_awards:edit",
        "mentoring_monitoring_results",
    } <= names


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_malformed_ids_are_not_found(client, users, bad_id):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    problems = []
    client.raise_request_exception = False  # every 500 is listed, not the first
    for user in (admin, users["secretary"]):
        client.force_login(user)
        for url in package_urls():
            path = path_with(url, bad_id)
            for method in (client.get, client.post):
                response = method(path)
                if response.status_code == 301:
                    # No route matched «…/export.1»: APPEND_SLASH tries «…/».
                    response = method(response["Location"])
                status = response.status_code
                # A view that takes no POST answers 405 before reading the id.
                expected = (404, 405)
                if status >= 500 or (user is admin and status not in expected):
                    problems.append(f"{url} {method.__name__} {path}: {status}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_malformed_ids_in_lists_of_ids(client, mentoring_section, users, bad_id):
    client.force_login(users["secretary"])
    chosen = reverse("wagtailsnippetchoosers_mentoring_wagtail_order:chosen_multiple")
    assert client.get(chosen, {"id": bad_id}).status_code == 200
    bulk = reverse("wagtail_bulk_action", args=["mentoring_wagtail", "order", "delete"])
    assert client.get(bulk, {"id": bad_id}).status_code == 404
    order = make_order(site=mentoring_section.get_site())
    sharing = reverse(
        "mentoring_sharing:object", args=["mentoring_wagtail", "order", order.pk]
    )
    for value in (f"user:{bad_id}:view_order", f"group:{bad_id}:view_order", bad_id):
        assert client.post(sharing, {"revoke": value}).status_code == 404

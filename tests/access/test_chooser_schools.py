"""A chooser opened for a record of school A lists school A's rows only, whatever the role.

A per-site role is confined by the permission policy; a plain role (a group
without a site mark) covers every school, so only the record can confine
what it is offered. The forms link their choosers to the record's school
(Wagtail's ``linked_fields``: ``site=…``, or the parent record,
``mentoring_participants.mentoringgroup=…``) and the chooser views honour it
(``access.school_links``, ``access.admin.chooser_scope``).

Every chooser the package registers is found in Wagtail's viewset registry,
so a chooser added later is walked too: its listing, its search results, its
multiple mode and its ``chosen`` steps, linked to school A's record, by
school A's plain and per-site roles: no row of school B. Without the link a
plain role does see school B (the walk can fail). A forged POST choosing
school B's person, mentor or order for school A's record is refused in
Russian and saves nothing; «Доступ» on school A's record offers no staff of
school B alone, to a plain role either.
"""

import json
from os.path import commonprefix
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.admin.viewsets.chooser import ChooserViewSet

from mentoring_wagtail.access.site_scope import sites_q
from mentoring_wagtail.participants.models import (
    Meeting,
    Mentee,
    MentoringForm,
    MentoringGroup,
    Person,
)
from mentoring_wagtail.portfolios.models import Award, MentorIndexPage

from . import admin_urls
from .app_world import secret
from .test_every_admin_url import make_object
from .test_two_schools import make_schools
from .test_two_schools_core import _plain_roles

pytestmark = pytest.mark.django_db

ROLES = ("curator", "director", "secretary")
GROUP_LINK = MentoringGroup._meta.label_lower
REFUSED_IN_RUSSIAN = "относится к другой школе"


def package_choosers():
    """Namespace → chooser viewset, for every chooser of the package."""
    return {
        namespace: viewset
        for namespace, viewset in admin_urls.package_viewsets().items()
        if isinstance(viewset, ChooserViewSet)
    }


def rows_of(model, school):
    return list(model._default_manager.filter(sites_q(model, {school.site.pk})))


def shown_as(row):
    """What names the row in a chooser: a person's surname, else its title."""
    person = getattr(row, "person", None)
    return person.last_name if person is not None else getattr(row, "title", str(row))


@pytest.fixture
def linked(mentoring_section):
    a, b = make_schools(mentoring_section)
    for school in (a, b):
        school.records = {
            model: make_object(model, school.site)
            for model in admin_urls.guarded_snippet_models()
        }
        for model, obj in school.records.items():
            obj.title = secret(f"Запись{school.letter.upper()}-{model.__name__}")
            obj.save()
    a.plain = _plain_roles()
    return a, b


def _text(response):
    """The page, or a modal's JSON decoded (its HTML escapes Cyrillic)."""
    text = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(text), ensure_ascii=False)
    return text


def test_every_chooser_linked_to_a_record_of_school_a_lists_no_row_of_school_b(
    client, linked
):
    a, b = linked
    choosers = package_choosers()
    # The people's choosers and a chooser of every guarded snippet model.
    assert {"mentoring_mentor_chooser", "mentoring_mentee_chooser"} <= set(choosers)
    snippet_models = {
        viewset.model for viewset in choosers.values() if viewset.model in b.records
    }
    assert snippet_models == set(admin_urls.guarded_snippet_models())

    group_a = a.world.own[MentoringGroup]
    links = [{"site": a.site.pk}, {GROUP_LINK: group_a.pk}]
    users = {f"plain {key}": a.plain[key] for key in ROLES}
    users |= {f"{key} of A": a.users[key] for key in ROLES}
    problems, seen_unlinked, covered = [], set(), []
    for namespace, viewset in sorted(choosers.items()):
        model = viewset.model
        b_rows, a_rows = rows_of(model, b), rows_of(model, a)
        assert b_rows and a_rows, namespace
        # (Setup gives each school a draft with the same title: not B's own.)
        a_names = {shown_as(row) for row in a_rows}
        forbidden = [shown_as(row) for row in b_rows if shown_as(row) not in a_names]
        assert forbidden, namespace
        b_pk = next(row.pk for row in b_rows if shown_as(row) in forbidden)
        # A word both schools' rows share: the search would find B's too.
        shared = commonprefix([forbidden[0], *sorted(a_names)[:1]]) or forbidden[0][:4]
        for link in links:
            query = urlencode(link)
            urls = [
                reverse(viewset.get_url_name("choose")) + f"?{query}",
                reverse(viewset.get_url_name("choose")) + f"?{query}&multiple=1",
                reverse(viewset.get_url_name("choose_results"))
                + f"?{query}&q={shared}",
                reverse(viewset.get_url_name("choose_results")) + f"?{query}&p=1",
                reverse(viewset.get_url_name("chosen"), args=[b_pk]) + f"?{query}",
                reverse(viewset.get_url_name("chosen_multiple"))
                + f"?id={b_pk}&{query}",
            ]
            covered += [url.split("?")[0] + "?" + url.split("?")[1] for url in urls]
            for username, user in users.items():
                client.force_login(user)
                for url in urls:
                    response = client.get(url)
                    where = f"{url} by {username}"
                    if response.status_code >= 500:
                        problems.append(f"{where}: {response.status_code}")
                        continue
                    text = _text(response)
                    problems += [
                        f"{where}: shows {name!r} of school B"
                        for name in forbidden
                        if name in text
                    ]
                    if "/chosen/" in url and response.status_code == 200:
                        problems.append(f"{where}: chose school B's row")
                    if (
                        url.split("?")[0] == reverse(viewset.get_url_name("choose"))
                        and response.status_code == 200
                        and query not in text.replace("&amp;", "&")
                    ):
                        problems.append(f"{where}: the results URL lost the link")
        # Unlinked, a plain role is offered school B too: the walk can fail.
        for user in (a.plain[key] for key in ROLES):
            client.force_login(user)
            text = _text(client.get(reverse(viewset.get_url_name("choose"))))
            if any(name in text for name in forbidden):
                seen_unlinked.add(namespace)
    assert not problems, "\n".join(problems)
    assert seen_unlinked == set(choosers)
    print("\n".join(sorted(set(covered))))  # the report lists what is covered


def test_forms_pass_the_school_and_a_link_naming_nothing_lists_nothing(client, linked):
    a, b = linked
    client.force_login(a.plain["curator"])
    # The group's form: its mentor's and mentees' choosers follow «Сайт»; its
    # fixing order offers school A's orders only.
    group = a.world.own[MentoringGroup]
    text = client.get(reverse("mentoring_groups:edit", args=[group.pk])).text
    assert text.count('"linkedFields": {"site": "#id_site"}') >= 1
    assert 'data-linked-fields="{&quot;site&quot;: &quot;#id_site&quot;}"' in text
    order_b = b.records[next(m for m in b.records if m.__name__ == "Order")]
    assert order_b.title not in text
    # A meeting's, an award's choices follow their group's and mentor's school.
    meeting = a.world.own[Meeting]
    text = client.get(reverse("mentoring_meetings:edit", args=[meeting.pk])).text
    for side in (b.world.own, b.world.other):
        assert side[Person].last_name not in text
    award = a.world.own[Award]
    text = client.get(reverse("mentoring_awards:edit", args=[award.pk])).text
    assert order_b.title not in text

    for query in ("site=999999", "site=abc", f"{GROUP_LINK}=0"):
        text = _text(
            client.get(reverse("mentoring_mentee_chooser:choose") + "?" + query)
        )
        for school in (a, b):
            assert school.world.own[Person].last_name not in text, query


def _group_post(a, **changes):
    data = {
        "site": a.site.pk,
        "mentor": a.world.own[MentoringGroup].mentor_id,
        "mentees": [],
        "form": MentoringForm.objects.get(code="teacher-student").pk,
        "academic_year": "2025/2026",
        "status": "forming",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ["plain", "per-site"])
def test_forged_posts_choosing_school_b_are_refused_in_russian(client, linked, role):
    a, b = linked
    user = a.plain["curator"] if role == "plain" else a.users["curator"]
    client.force_login(user)
    order_b = b.records[next(m for m in b.records if m.__name__ == "Order")]
    groups_before = MentoringGroup.objects.count()

    # A new group of school A fixed by school B's order.
    response = client.post(
        reverse("mentoring_groups:add"), _group_post(a, fixing_order=order_b.pk)
    )
    assert response.status_code == 200
    assert MentoringGroup.objects.count() == groups_before
    if role == "plain":  # (a per-site role is not even offered B's order)
        assert REFUSED_IN_RUSSIAN in response.text

    # School A's group given school B's mentor, or school B's mentee.
    group = a.world.own[MentoringGroup]
    for changes in (
        {"mentor": b.world.own[MentoringGroup].mentor_id},
        {"mentees": [b.world.own[Mentee].pk]},
    ):
        response = client.post(
            reverse("mentoring_groups:edit", args=[group.pk]),
            _group_post(a, **changes),
        )
        assert response.status_code == 200, changes
        group.refresh_from_db()
        assert group.mentor_id == a.world.own[MentoringGroup].mentor_id
        assert list(group.mentees.all()) == [a.world.own[Mentee]]

    # School A's meeting attended by school B's mentee.
    meeting = a.world.own[Meeting]
    response = client.post(
        reverse("mentoring_meetings:edit", args=[meeting.pk]),
        {
            "group": group.pk,
            "date": meeting.date.isoformat(),
            "kind": meeting.kind,
            "attendees": [b.world.own[Person].pk],
            "notes": "",
        },
    )
    assert response.status_code == 200
    assert not meeting.attendees.exists()
    assert Meeting.objects.get(pk=meeting.pk).notes == meeting.notes

    # An award of school A's mentor for school B's order.
    awards_before = Award.objects.count()
    response = client.post(
        reverse("mentoring_awards:add"),
        {
            "mentor": group.mentor_id,
            "title": "Лучший наставник",
            "level": "school",
            "year": 2025,
            "order": order_b.pk,
        },
    )
    assert response.status_code == 200
    assert Award.objects.count() == awards_before
    if role == "plain":
        assert REFUSED_IN_RUSSIAN in response.text


def test_access_offers_no_staff_of_school_b_on_school_a_record(client, linked):
    a, b = linked
    person = a.world.own[Person]
    url = reverse(
        "mentoring_sharing:object",
        args=["mentoring_participants", "person", person.pk],
    )
    # (A regional coordinator belongs to no school: the plain group.)
    b_staff = [
        user.get_full_name()
        for user in b.users.values()
        if user.groups.filter(name__endswith=f"(сайт {b.site.pk})").exists()
    ]
    assert b_staff
    shown = 0
    for user in (a.plain["curator"], a.plain["director"], a.users["curator"]):
        client.force_login(user)
        response = client.get(url)
        if response.status_code != 200:
            continue
        shown += 1
        for name in b_staff:
            assert name not in response.text, (user.username, name)
    assert shown

    # A new portfolio under school A's «Наши наставники»: A's mentors only.
    index = MentorIndexPage.objects.descendant_of(a.section).get()
    client.force_login(a.plain["curator"])
    text = client.get(
        reverse(
            "wagtailadmin_pages:add",
            args=["mentoring_portfolios", "mentorportfoliopage", index.pk],
        )
    ).text
    assert a.world.own["mentor_person"].last_name in text
    for side in (b.world.own, b.world.other):
        assert side["mentor_person"].last_name not in text

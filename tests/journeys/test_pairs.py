"""The curator's pairs, in headless Chromium at both paces (``pace``): from
the bases, «Предложить пары» offers each mentee a mentor; the curator accepts;
the secretary drafts the order fixing the groups from the groups' listing.

The bases are made as records here (their Excel import has its own tests,
``tests/participants/test_bases_excel.py``); the meeting log is not walked yet.
"""

import re

import pytest

from mentoring_wagtail.models import Order
from mentoring_wagtail.participants.models import MentoringGroup
from tests.participants.support import make_mentee, make_mentor

from .support import log_in, messages, open_menu, school_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bases(live_server, mentoring_section):
    staff = school_staff("curator", "secretary")
    mentors = [
        make_mentor(last_name="Алгебраева", capacity=2),
        make_mentor(last_name="Шахматов", capacity=1),
    ]
    mentees = [make_mentee(last_name=name) for name in ("Звездочётова", "Лучикова")]
    return staff, mentors, mentees


def test_curator_matches_the_pairs_and_drafts_the_order_fixing_them(
    journey, live_server, bases
):
    j, url, page = journey, live_server.url, journey.page
    staff, mentors, mentees = bases
    j.allowed |= set(staff)
    log_in(j, url, "curator")
    j.stage("pairs")
    open_menu(j, "Участники", "Предложить пары")
    proposal = page.locator("table[data-proposal]")
    for mentee in mentees:
        assert mentee.person.last_name in proposal.inner_text()
    j.click(page.get_by_role("button", name="Принять пары"))
    assert messages(page)
    groups = MentoringGroup.objects.all()
    assert groups.count() >= 1 and all(g.status == "forming" for g in groups)
    assert sum(g.mentees.count() for g in groups) == len(mentees)

    j.record("curator: bases to the groups formed", j.since("pairs"))

    # The groups formed wait for their order: the secretary drafts it from
    # the groups' listing.
    log_in(j, url, "secretary")
    j.stage("order")
    open_menu(j, "Участники", "Пары и группы")
    draft = page.get_by_role("link", name=re.compile("закреплении"))
    assert draft.count(), (page.url, page.locator("main a").all_inner_texts())
    j.click(draft.first)
    j.click(page.get_by_role("button", name="Сформировать приказ", exact=True))
    order = Order.objects.get(kind="pairs")
    assert "закреплении наставнических пар" in order.title
    assert f"/edit/{order.pk}/" in page.url  # the order, to complete and submit
    j.record("secretary drafts the order fixing the pairs", j.since("order"))
    j.record("whole journey")
    j.assert_clean()
